package live

import (
	"context"
	"testing"
)

func TestBroker(t *testing.T) {
	b := NewBroker()
	ctx, cancel := context.WithCancel(context.Background())
	fast, slow := b.Subscribe(ctx), b.Subscribe(context.Background())
	if n := b.Subscribers(); n != 2 {
		t.Fatalf("Subscribers = %d, want 2", n)
	}
	// The slow subscriber never reads: once its buffer is full it is
	// dropped, and the fast one still gets every event.
	for i := range subscriberBuffer + 1 {
		b.Publish(Event{Number: "KTB-2026-000001", Kind: KindChanged})
		if e := <-fast; e.Number != "KTB-2026-000001" {
			t.Fatalf("event %d = %+v", i, e)
		}
	}
	n := 0
	for range slow {
		n++
	}
	if n != subscriberBuffer {
		t.Fatalf("the slow subscriber got %d events before its channel closed, want %d", n, subscriberBuffer)
	}
	cancel()
	if _, ok := <-fast; ok {
		t.Fatal("the subscription outlived its context")
	}
	if n := b.Subscribers(); n != 0 {
		t.Fatalf("Subscribers = %d after both ended, want 0", n)
	}
	b.Close()
	if _, ok := <-b.Subscribe(context.Background()); ok {
		t.Fatal("a closed broker accepted a subscription")
	}
}
