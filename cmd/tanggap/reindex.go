package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"
)

// reindexCmd rebuilds the search index of every configured engine from the
// database; on Meilisearch into a fresh index swapped in at the end, so that
// a running server keeps answering searches throughout. With
// TANGGAP_CPU_PROFILE set it writes a CPU profile of the rebuild to that
// file, for `go tool pprof` (see docs/performance.md).
func reindexCmd(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	if len(args) != 0 {
		return fmt.Errorf("reindex takes no arguments: %w", errUsage)
	}
	db, err := openMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if path := os.Getenv("TANGGAP_CPU_PROFILE"); path != "" {
		stop, err := startCPUProfile(path)
		if err != nil {
			return err
		}
		defer stop()
	}
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		// A rebuild makes a lot of short-lived garbage (the text of every
		// document, its words and stems) over a live heap of about a
		// hundred megabytes: collecting when the heap has grown by four
		// times the live heap rather than by once saves a tenth of the
		// processor time, and the limit keeps the heap under 512 MiB.
		debug.SetGCPercent(400)
		debug.SetMemoryLimit(512 << 20)
	}
	st := openSearch(cfg, db)
	counts, err := reindex(ctx, st)
	for _, e := range st.engines() {
		if n, ok := counts[e.Name()]; ok {
			fmt.Fprintf(stdout, "Rebuilt the %s index: %d documents.\n", e.Name(), n)
		}
	}
	return err
}

// startCPUProfile writes a CPU profile to path until stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("TANGGAP_CPU_PROFILE: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("TANGGAP_CPU_PROFILE: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
