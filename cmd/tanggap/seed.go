package main

import (
	"context"
	"fmt"
	"io"
)

func seedCmd(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	if len(args) != 0 {
		return fmt.Errorf("seed takes no arguments: %w", errUsage)
	}
	db, err := openMigratedCreating(ctx, cfg, true)
	if err != nil {
		return err
	}
	defer db.Close()
	return loadDemo(ctx, db, stdout, true)
}
