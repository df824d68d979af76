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
	var stopped *store.ImportStoppedError
	switch {
	case errors.As(err, &invalid):
		fmt.Fprintln(stdout, invalid.Error())
		return errImportInvalid
	case errors.As(err, &stopped):
		fmt.Fprintf(stdout, "Imported %d issue(s) before the import stopped; run the same import again to finish it.\n", len(stopped.Imported))
		return describe(stopped.Err)
	case err != nil:
		return describe(err)
	}
	fmt.Fprintf(stdout, "Imported %d issue(s)", len(result.Imported))
	switch n := len(result.Imported); {
	case n > 20:
		fmt.Fprintf(stdout, ": %s … %s", strings.Join(result.Imported[:10], ", "), strings.Join(result.Imported[n-10:], ", "))
	case n > 0:
		fmt.Fprintf(stdout, ": %s", strings.Join(result.Imported, ", "))
	}
	fmt.Fprintf(stdout, "\nSkipped %d row(s) imported before.\n", len(result.Skipped))
	return nil
}
