package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
)

// errImportInvalid makes `tanggap import` exit non-zero on a file with errors.
var errImportInvalid = errors.New("the file was not imported")

func importCmd(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return fmt.Errorf("import needs one CSV file: %w", errUsage)
	}
	f, err := os.Open(args[0])
	if err != nil {
		return err
	}
	defer f.Close()
	db, err := openMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	result, err := db.ImportCSV(models.NewContextWithUser(ctx, models.SystemUser), f, filepath.Base(args[0]))
	var invalid *store.ImportError
	if errors.As(err, &invalid) {
		fmt.Fprintln(stdout, invalid.Error())
		return errImportInvalid
	} else if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "Imported %d issue(s)", len(result.Imported))
	if len(result.Imported) > 0 {
		fmt.Fprintf(stdout, ": %s", strings.Join(result.Imported, ", "))
	}
	fmt.Fprintf(stdout, "\nSkipped %d row(s) imported before.\n", len(result.Skipped))
	return nil
}
