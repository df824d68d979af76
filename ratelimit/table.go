package ratelimit

import (
	"container/heap"
	"hash/maphash"
	"sync"
	"time"
)

// table holds per-key windows in memory, within a fixed capacity. It is split
// into shards, each with its own lock and an equal share of the capacity, so
// that concurrent requests rarely wait for one another. A full shard never
// makes room by forgetting a live window: that would let whoever floods it
// with new keys wipe out the count of a key being limited. New keys wait
// instead until windows end.
type table struct {
	seed     maphash.Seed
	shards   []shard
	perShard int
}

type shard struct {
	mu      sync.Mutex
	entries map[string]*entry
	// ends orders the entries by the end of their window, so that ended
	// windows are reclaimed from its top, at O(log n) each.
	ends endHeap
	// overflow counts, as one shared window, the attempts of keys that
	// arrived while the shard was full.
	overflow window
}

// entry is the window of one key.
type entry struct {
	key string
	window
	// exhausted records that a shared store reported the limit reached for
	// this window, so that further attempts are refused without asking it.
	exhausted bool
	index     int // position in ends; -1 once removed
}

// window is a count of attempts and when it stops counting, in Unix
// nanoseconds.
type window struct {
	count int
	end   int64
}

func (w window) open(now int64) bool { return now < w.end }

// shardsFor picks how many shards a capacity is split into: enough to spread
// the lock, few enough that small tables behave exactly.
func shardsFor(capacity int) int { return min(64, max(1, capacity/1024)) }

func newTable(capacity int) *table {
	n := shardsFor(capacity)
	t := &table{seed: maphash.MakeSeed(), shards: make([]shard, n), perShard: max(1, capacity/n)}
	for i := range t.shards {
		t.shards[i].entries = make(map[string]*entry)
	}
	return t
}

// capacity is the most entries the table holds at once.
func (t *table) capacity() int { return t.perShard * len(t.shards) }

// shard returns key's shard, locked, with every ended window reclaimed.
func (t *table) shard(key string, now int64) *shard {
	s := &t.shards[maphash.String(t.seed, key)%uint64(len(t.shards))]
	s.mu.Lock()
	for len(s.ends) > 0 && !s.ends[0].open(now) {
		e := heap.Pop(&s.ends).(*entry)
		delete(s.entries, e.key)
	}
	return s
}

// allow counts an attempt of key in memory: up to limit per window, refused
// attempts not counted. A key that finds its shard full shares the shard's
// overflow window with every other such key.
func (t *table) allow(key string, now int64, limit int, length time.Duration) (bool, time.Duration) {
	s := t.shard(key, now)
	defer s.mu.Unlock()
	if e := s.entries[key]; e != nil {
		if e.count >= limit {
			return false, time.Duration(e.end - now)
		}
		e.count++
		return true, 0
	}
	if len(s.entries) < t.perShard {
		s.insert(key, window{count: 1, end: now + int64(length)})
		return true, 0
	}
	if !s.overflow.open(now) {
		s.overflow = window{end: now + int64(length)}
	}
	if s.overflow.count < limit {
		s.overflow.count++
		return true, 0
	}
	// Whichever comes first lets the key in: a free slot or a fresh
	// overflow window.
	return false, time.Duration(min(s.overflow.end, s.ends[0].end) - now)
}

// peek reports what allow would answer, counting nothing.
func (t *table) peek(key string, now int64, limit int) (bool, time.Duration) {
	s := t.shard(key, now)
	defer s.mu.Unlock()
	if e := s.entries[key]; e != nil {
		if e.count >= limit {
			return false, time.Duration(e.end - now)
		}
		return true, 0
	}
	if len(s.entries) >= t.perShard && s.overflow.open(now) && s.overflow.count >= limit {
		return false, time.Duration(min(s.overflow.end, s.ends[0].end) - now)
	}
	return true, 0
}

// forget drops key's window.
func (t *table) forget(key string, now int64) {
	s := t.shard(key, now)
	defer s.mu.Unlock()
	if e := s.entries[key]; e != nil {
		heap.Remove(&s.ends, e.index)
		delete(s.entries, key)
	}
}

// len counts the entries, ended windows not yet reclaimed included.
func (t *table) len() int {
	n := 0
	for i := range t.shards {
		s := &t.shards[i]
		s.mu.Lock()
		n += len(s.entries)
		s.mu.Unlock()
	}
	return n
}

func (s *shard) insert(key string, w window) *entry {
	e := &entry{key: key, window: w}
	s.entries[key] = e
	heap.Push(&s.ends, e)
	return e
}

// endHeap is a min-heap of entries by window end (container/heap).
type endHeap []*entry

func (h endHeap) Len() int           { return len(h) }
func (h endHeap) Less(i, j int) bool { return h[i].end < h[j].end }
func (h endHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index, h[j].index = i, j
}

func (h *endHeap) Push(x any) {
	e := x.(*entry)
	e.index = len(*h)
	*h = append(*h, e)
}

func (h *endHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	e.index = -1
	return e
}
