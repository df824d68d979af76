package graph

import "sync"

// keptByText keeps what an operation's document decides, by the
// document's text and operation name (planOf, complexityLimit). It holds
// at most maxKept entries and is emptied when full.
type keptByText[T any] struct {
	mu sync.Mutex
	m  map[string]T
}

const maxKept = 1000

func (k *keptByText[T]) get(key string) (T, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	v, ok := k.m[key]
	return v, ok
}

func (k *keptByText[T]) put(key string, v T) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.m == nil || len(k.m) >= maxKept {
		k.m = map[string]T{}
	}
	k.m[key] = v
}
