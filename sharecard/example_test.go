package sharecard_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/sharecard"
)

var update = flag.Bool("update", false, "rewrite docs/screenshots/share-card-example.png")

// exampleCard is the card of the committed example picture.
func exampleCard() sharecard.Card {
	return sharecard.Card{
		Portal:      "Tanggap · Kabupaten Kotabaru",
		IssueNumber: "KTB-2026-000123",
		Title:       "Pesan berantai pemadaman listrik total tiga hari di seluruh Kabupaten Kotabaru",
		Verdict:     models.VerdictFalse,
		Agency:      "Dinas Komunikasi dan Informatika",
		Date:        time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC),
	}
}

// TestExamplePicture writes the example card into docs/screenshots with
// -update, and otherwise checks that the committed picture is current.
func TestExamplePicture(t *testing.T) {
	png, err := sharecard.Render(exampleCard())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "docs", "screenshots", "share-card-example.png")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	committed, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (write it with go test ./sharecard -run TestExamplePicture -update)", err)
	}
	if string(committed) != string(png) {
		t.Fatalf("%s is stale: run go test ./sharecard -run TestExamplePicture -update", path)
	}
}
