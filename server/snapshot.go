package server

import (
	"sync"
	"time"
)

// snapshotTTL bounds how long a snapshot may lag behind a change made
// through another server process; changes made through this one show at
// once, because they move the generation of Config.Changes.
const snapshotTTL = 30 * time.Second

// snapshot keeps one value built from the whole public data set (the
// sitemap's addresses, the open-data files) until the data changes, so
// that crawlers and repeated downloads do not rebuild it every time.
type snapshot[T any] struct {
	generation func() uint64

	mu    sync.Mutex
	value T
	gen   uint64
	at    time.Time
	ok    bool
}

// get returns the kept value, or builds a new one. Only one request builds
// at a time; the others wait for it. Errors are not kept.
func (s *snapshot[T]) get(build func() (T, error)) (T, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	gen, now := s.generation(), time.Now()
	if s.ok && s.gen == gen && now.Sub(s.at) < snapshotTTL {
		return s.value, nil
	}
	value, err := build()
	if err != nil {
		var zero T
		return zero, err
	}
	s.value, s.gen, s.at, s.ok = value, gen, now, true
	return value, nil
}
