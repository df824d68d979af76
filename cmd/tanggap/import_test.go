package main_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/store/storetest"
)

// TestImport runs `tanggap import` on a file of several batches, again on
// the same file, and on a file with a problem.
func TestImport(t *testing.T) {
	dir := t.TempDir()
	env := []string{"TANGGAP_DATA_DIR=" + dir, "TANGGAP_DATABASE_URL=", "TANGGAP_JWT_SECRET="}
	if out, err := command(t, env, "", "seed"); err != nil {
		t.Fatalf("seed: %v\n%s", err, out)
	}
	path := filepath.Join(dir, "arsip.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := storetest.WriteImportCSV(f, "ARSIP", 1200, time.Now()); err != nil {
		t.Fatal(err)
	}
	f.Close()

	out, err := command(t, env, "", "import", path)
	if err != nil || !strings.Contains(out, "Imported 1200 issue(s): KTB-") || !strings.Contains(out, "Skipped 0 row(s)") {
		t.Fatalf("import: %v\n%s", err, out)
	}
	out, err = command(t, env, "", "import", path)
	if err != nil || !strings.Contains(out, "Imported 0 issue(s)") || !strings.Contains(out, "Skipped 1200 row(s)") {
		t.Fatalf("import again: %v\n%s", err, out)
	}

	bad := filepath.Join(dir, "salah.csv")
	content := "external_ref,title,summary,kind,logged_at\nX-1,Judul yang sah,Ringkasan yang cukup panjang.,GOSIP,2026-03-01 08:00\n"
	if err := os.WriteFile(bad, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err = command(t, env, "", "import", bad)
	if err == nil || !strings.Contains(out, "baris 2, kolom kind") {
		t.Fatalf("import of a bad file: %v\n%s", err, out)
	}
}
