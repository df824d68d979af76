package store

import (
	"context"
	"errors"
	"testing"
)

// TestAskOnce: within a group the hooks' shared questions are asked once;
// outside a group, and after a failed answer, they are asked again.
func TestAskOnce(t *testing.T) {
	asked := 0
	yes := func() (bool, error) { asked++; return true, nil }
	ctx := context.Background()
	for range 3 {
		if ok, err := askOnce(ctx, "q", yes); !ok || err != nil {
			t.Fatalf("askOnce = %v, %v", ok, err)
		}
	}
	if asked != 3 {
		t.Fatalf("outside a group asked %d times for 3 calls, want 3", asked)
	}

	asked = 0
	group := withHookMemo(ctx, &hookMemo{})
	failing := func() (bool, error) { asked++; return false, errors.New("database gone") }
	if _, err := askOnce(group, "q", failing); err == nil {
		t.Fatal("the error was lost")
	}
	for range 4 {
		if ok, err := askOnce(group, "q", yes); !ok || err != nil {
			t.Fatalf("askOnce in a group = %v, %v", ok, err)
		}
	}
	if ok, _ := askOnce(group, "other", func() (bool, error) { asked++; return false, nil }); ok {
		t.Fatal("another question got the first one's answer")
	}
	if asked != 3 {
		t.Fatalf("in a group asked %d times (a failure, one question, another), want 3", asked)
	}
}
