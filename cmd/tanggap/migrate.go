package main

import (
	"context"
	"fmt"
	"io"
	"strings"
)

func migrateCmd(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return fmt.Errorf("migrate needs one of up, down, status: %w", errUsage)
	}
	// Only "up" may create a database: status or down on a mistyped path
	// would otherwise leave an empty file behind.
	db, err := openStore(cfg, args[0] == "up")
	if err != nil {
		return err
	}
	defer db.Close()
	switch args[0] {
	case "up":
		names, err := db.Migrate(ctx)
		if err != nil {
			return err
		}
		if len(names) == 0 {
			fmt.Fprintln(stdout, "The schema is current; nothing to apply.")
			return nil
		}
		fmt.Fprintf(stdout, "Applied %d migration(s): %s\n", len(names), strings.Join(names, ", "))
	case "down":
		names, err := db.Rollback(ctx)
		if err != nil {
			return err
		}
		if len(names) == 0 {
			fmt.Fprintln(stdout, "Nothing to roll back.")
			return nil
		}
		fmt.Fprintf(stdout, "Rolled back %d migration(s): %s\n", len(names), strings.Join(names, ", "))
	case "status":
		statuses, err := db.MigrationStatuses(ctx)
		if err != nil {
			return err
		}
		for _, s := range statuses {
			state := "pending"
			if s.Applied {
				state = "applied"
			}
			fmt.Fprintf(stdout, "%-8s %s %s\n", state, s.Name, s.Comment)
		}
	default:
		return fmt.Errorf("unknown migrate action %q: %w", args[0], errUsage)
	}
	return nil
}
