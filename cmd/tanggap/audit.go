package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/kotabaru/tanggap/models"
)

// errAuditBroken makes `tanggap audit verify` exit non-zero on a broken chain.
var errAuditBroken = errors.New("the audit chain is broken")

func auditCmd(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	if len(args) != 1 || args[0] != "verify" {
		return fmt.Errorf("audit needs verify: %w", errUsage)
	}
	db, err := openMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := db.VerifyAudit(models.NewContextWithUser(ctx, models.SystemUser), true)
	if err != nil {
		return err
	}
	if !v.Intact {
		fmt.Fprintf(stdout, "broken at entry %d: %s (%d entries checked)\n", *v.BrokenAtID, v.Problem, v.Entries)
		return errAuditBroken
	}
	fmt.Fprintf(stdout, "intact, %d entries, head hash %s\n", v.Entries, v.HeadHash)
	return nil
}
