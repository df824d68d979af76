package main

import (
	"context"
	"fmt"
	"io"
)

// reindexCmd rebuilds the search index of every configured engine from the
// database; on Meilisearch into a fresh index swapped in at the end, so that
// a running server keeps answering searches throughout.
func reindexCmd(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	if len(args) != 0 {
		return fmt.Errorf("reindex takes no arguments: %w", errUsage)
	}
	db, err := openMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	st := openSearch(cfg, db)
	counts, err := reindex(ctx, st)
	for _, e := range st.engines() {
		if n, ok := counts[e.Name()]; ok {
			fmt.Fprintf(stdout, "Rebuilt the %s index: %d documents.\n", e.Name(), n)
		}
	}
	return err
}
