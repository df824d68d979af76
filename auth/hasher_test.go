package auth_test

import (
	"context"
	"regexp"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/models"
)

func TestHashGate(t *testing.T) {
	t.Run("BoundsConcurrency", func(t *testing.T) {
		gate := auth.NewHashGate(3, time.Minute)
		var running, peak atomic.Int32
		var wg sync.WaitGroup
		for range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := gate.Do(context.Background(), func() {
					n := running.Add(1)
					for {
						p := peak.Load()
						if n <= p || peak.CompareAndSwap(p, n) {
							break
						}
					}
					time.Sleep(5 * time.Millisecond)
					running.Add(-1)
				})
				if err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if p := peak.Load(); p > 3 {
			t.Errorf("%d ran at once through a gate of 3", p)
		}
	})

	t.Run("ErrUnavailableAfterQueueTimeout", func(t *testing.T) {
		gate := auth.NewHashGate(1, 20*time.Millisecond)
		release, held := make(chan struct{}), make(chan struct{})
		go gate.Do(context.Background(), func() { close(held); <-release }) //nolint:errcheck
		<-held
		ran := false
		err := gate.Do(context.Background(), func() { ran = true })
		close(release)
		var e *models.Error
		if models.ErrorCode(err) != models.EUNAVAILABLE || ran {
			t.Fatalf("Do on a full gate = %v (ran %v); want EUNAVAILABLE without running", err, ran)
		}
		if e, _ = err.(*models.Error); e.RetryAfterSeconds < 1 {
			t.Errorf("RetryAfterSeconds = %d", e.RetryAfterSeconds)
		}
	})

	t.Run("ErrUnavailableWhenTheCallerGivesUp", func(t *testing.T) {
		gate := auth.NewHashGate(1, time.Hour)
		release, held := make(chan struct{}), make(chan struct{})
		go gate.Do(context.Background(), func() { close(held); <-release }) //nolint:errcheck
		<-held
		defer close(release)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := gate.Do(ctx, func() {}); models.ErrorCode(err) != models.EUNAVAILABLE {
			t.Errorf("Do with an ended context = %v", err)
		}
	})

	t.Run("DefaultCapacity", func(t *testing.T) {
		if got, want := auth.NewHashGate(0, 0).Capacity(), auth.DefaultHashConcurrency(); got != want || want < 2 {
			t.Errorf("capacity %d, want %d (two per processor)", got, want)
		}
	})
}

// TestArgon2idMemorySetting hashes with a smaller memory cost and checks that
// hashes made with the default cost still verify, since every hash records
// its own parameters.
func TestArgon2idMemorySetting(t *testing.T) {
	ctx := context.Background()
	const plain = "kata-sandi-lama-2025"
	old, err := auth.HashPassword(plain)
	if err != nil {
		t.Fatal(err)
	}
	small, err := auth.NewArgon2id(auth.Argon2idConfig{MemoryKiB: auth.MinArgonMemoryKiB, Gate: auth.NewHashGate(2, time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	encoded, err := small.Hash(ctx, plain)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^\$argon2id\$v=19\$m=8192,t=5,p=1\$`).MatchString(encoded) {
		t.Errorf("hash with 8 MiB = %q; want m=8192 with five passes", encoded)
	}
	for name, hash := range map[string]string{"new": encoded, "default cost": old} {
		if ok, err := small.Verify(ctx, hash, plain); !ok || err != nil {
			t.Errorf("Verify of the %s hash = %v, %v", name, ok, err)
		}
		if ok, _ := small.Verify(ctx, hash, plain+"x"); ok {
			t.Errorf("Verify of the %s hash with a wrong password = true", name)
		}
	}
	if err := small.VerifyDummy(ctx, plain); err != nil {
		t.Error(err)
	}
	for _, bad := range []int{1024, auth.MinArgonMemoryKiB - 1, auth.MaxArgonMemoryKiB + 1} {
		if _, err := auth.NewArgon2id(auth.Argon2idConfig{MemoryKiB: bad}); err == nil {
			t.Errorf("memory cost %d KiB accepted", bad)
		}
	}
}

func TestDescribeDevice(t *testing.T) {
	for ua, want := range map[string]string{
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0":    "Edge di Windows",
		"Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0":                                                           "Firefox di Linux",
		"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile Safari/604.1": "Safari di iPhone",
		"curl/8.5.0": "curl",
		"":           "Perangkat tidak dikenal",
		"<script>alert(1)</script> a very long and made-up header": "Perangkat tidak dikenal",
	} {
		if got := auth.DescribeDevice(ua); got != want {
			t.Errorf("DescribeDevice(%q) = %q, want %q", ua, got, want)
		}
	}
}
