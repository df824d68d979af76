package graph

import (
	"strings"
	"testing"
)

// TestKeptByText: a document is kept by its text and operation name, and a
// document longer than maxKeptText is not kept at all, so what clients send
// cannot make the kept texts grow past maxKept × maxKeptText.
func TestKeptByText(t *testing.T) {
	var k keptByText[int]
	short := documentKey{operation: "A", text: "query A { issues { totalCount } }"}
	k.put(short, 1)
	if v, ok := k.get(short); !ok || v != 1 {
		t.Errorf("short document: %d %v", v, ok)
	}
	if _, ok := k.get(documentKey{operation: "B", text: short.text}); ok {
		t.Error("another operation of the document found the first one's entry")
	}
	long := documentKey{operation: "A", text: "query A { issues { totalCount } } #" + strings.Repeat("x", maxKeptText)}
	k.put(long, 2)
	if _, ok := k.get(long); ok {
		t.Errorf("a document of %d bytes was kept", len(long.text))
	}
	for i := range maxKept + 1 {
		k.put(documentKey{text: strings.Repeat("y", i%50) + string(rune('a'+i%26)) + strings.Repeat("z", i/26)}, i)
	}
	if n := len(k.m); n > maxKept {
		t.Errorf("%d entries kept, at most %d", n, maxKept)
	}
}
