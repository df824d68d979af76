package ratelimit

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/store/storetest"
)

// BenchmarkAllow measures one attempt in memory and, per database, in a
// shared store asked on every attempt (batch 1, as for submitQuestion) or
// once per 30 attempts (as for the general per-address limit at 600 a
// minute). Attempts are spread over 1,000 keys and never refused.
func BenchmarkAllow(b *testing.B) {
	keys := make([]string, 1000)
	for i := range keys {
		keys[i] = fmt.Sprintf("*|addr:10.0.%d.%d", i>>8, i&255)
	}
	run := func(b *testing.B, l *Limiter) {
		var n atomic.Int64
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if ok, _ := l.Allow(keys[n.Add(1)%int64(len(keys))]); !ok {
					b.Fatal("refused")
				}
			}
		})
	}
	b.Run("memory", func(b *testing.B) { run(b, New(1<<30, time.Hour)) })
	for _, d := range storetest.Dialects(b) {
		db := storetest.MustOpen(b, d)
		for _, batch := range []int{1, 30} {
			b.Run(fmt.Sprintf("%s/batch=%d", d, batch), func(b *testing.B) {
				run(b, New(1<<30, time.Hour, WithStore(db, batch)))
			})
		}
	}
}

// BenchmarkMemoryPerKey reports the heap a full table takes per key, for
// keys shaped like the API's ("field|addr:IPv4").
func BenchmarkMemoryPerKey(b *testing.B) {
	for range b.N {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		l := New(5, time.Hour)
		for i := range DefaultCapacity {
			l.Allow(fmt.Sprintf("submitQuestion|addr:10.%d.%d.%d", i>>16, i>>8&255, i&255))
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(l.Len()), "B/key")
		runtime.KeepAlive(l)
	}
}
