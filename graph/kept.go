package graph

import (
	"sync"

	"github.com/99designs/gqlgen/graphql"
)

// keptByText keeps what an operation's document decides, by the
// document's text and operation name (planOf, complexityLimit, depthLimit).
// It holds at most maxKept entries and is emptied when full. It keeps no
// document without a text (nothing names it) and none longer than
// maxKeptText: the keys hold the texts, so each of them keeps at most
// maxKept × maxKeptText bytes (16 MiB) of texts in memory whatever clients
// send, where the largest body a request may carry would allow 256 MiB.
type keptByText[T any] struct {
	mu sync.Mutex
	m  map[documentKey]T
}

// documentKey names one operation of one document. Both strings are the
// request's own, so a lookup builds nothing.
type documentKey struct{ operation, text string }

// keyOf is the key of oc's operation.
func keyOf(oc *graphql.OperationContext) documentKey {
	return documentKey{operation: oc.OperationName, text: oc.RawQuery}
}

const (
	maxKept     = 1000
	maxKeptText = 16 << 10
)

func (k *keptByText[T]) get(key documentKey) (T, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	v, ok := k.m[key]
	return v, ok
}

func (k *keptByText[T]) put(key documentKey, v T) {
	if key.text == "" || len(key.text)+len(key.operation) > maxKeptText {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.m == nil || len(k.m) >= maxKept {
		k.m = map[documentKey]T{}
	}
	k.m[key] = v
}
