// Package live fans changes out to the API's open subscriptions. An Event
// names what changed (an issue, by its public number) and how; subscribers
// read the fresh state themselves through the services, so that the rules
// of who may see what apply to every update as they do to every query.
//
// The store publishes events after the change commits: on PostgreSQL
// through NOTIFY, which reaches every server process on the database; on
// SQLite in-process (docs/api.md, "Langganan langsung").
package live

import (
	"context"
	"sync"
)

// Kind says how an issue changed.
type Kind string

const (
	// KindChanged is any other change of an issue: a step of its
	// lifecycle (assigned, closed, reopened, rejected…) or an edit.
	KindChanged Kind = "changed"
	// KindAnswered is the first publication of an official response.
	KindAnswered Kind = "answered"
	// KindRevised is a correction (ralat) of a published response.
	KindRevised Kind = "revised"
)

// PublishesResponse reports whether the event published a response.
func (k Kind) PublishesResponse() bool { return k == KindAnswered || k == KindRevised }

// Event is one committed change of an issue. It carries no content: only
// what a subscriber needs to read the new state.
type Event struct {
	Number string `json:"number"`
	Kind   Kind   `json:"kind"`
}

// subscriberBuffer is how many events a subscriber may fall behind before
// it is dropped; a dropped subscriber's stream ends and its client
// reconnects.
const subscriberBuffer = 64

// Broker delivers every published event to every subscriber of this
// process. It is safe for concurrent use.
type Broker struct {
	mu     sync.Mutex
	subs   map[chan Event]struct{}
	closed bool
}

// NewBroker returns a broker without subscribers.
func NewBroker() *Broker {
	return &Broker{subs: map[chan Event]struct{}{}}
}

// Subscribe returns a channel of the events published from now on. It is
// closed when ctx ends, when the broker closes, or when the subscriber
// fell more than a buffer behind.
func (b *Broker) Subscribe(ctx context.Context) <-chan Event {
	ch := make(chan Event, subscriberBuffer)
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		close(ch)
		return ch
	}
	b.subs[ch] = struct{}{}
	b.mu.Unlock()
	context.AfterFunc(ctx, func() { b.drop(ch) })
	return ch
}

// drop removes a subscriber and closes its channel, once.
func (b *Broker) drop(ch chan Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.subs[ch]; ok {
		delete(b.subs, ch)
		close(ch)
	}
}

// Publish hands e to every subscriber without waiting: a subscriber whose
// buffer is full is dropped rather than allowed to hold up the others.
func (b *Broker) Publish(e Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		select {
		case ch <- e:
		default:
			delete(b.subs, ch)
			close(ch)
		}
	}
}

// Subscribers counts the open subscriptions.
func (b *Broker) Subscribers() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs)
}

// Close ends every subscription and refuses new ones.
func (b *Broker) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	for ch := range b.subs {
		delete(b.subs, ch)
		close(ch)
	}
}
