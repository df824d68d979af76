package main_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestHolidaysImportCommand imports an iCalendar file from the command line
// twice: the first run adds its days, the second keeps them, and both runs
// are in the verified audit chain.
func TestHolidaysImportCommand(t *testing.T) {
	dir := t.TempDir()
	env := []string{"TANGGAP_DATA_DIR=" + dir, "TANGGAP_DATABASE_URL=", "TANGGAP_JWT_SECRET=" + secret}
	if out, err := command(t, env, "", "migrate", "up"); err != nil {
		t.Fatalf("migrate up: %v\n%s", err, out)
	}
	ics := filepath.Join(dir, "libur-daerah.ics")
	content := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270120\r\nSUMMARY:Hari Jadi Kabupaten Kotabaru\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270121\r\nSUMMARY:Cuti Bersama Hari Jadi\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	if err := os.WriteFile(ics, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := command(t, env, "", "holidays", "import", "--kind", "REGIONAL", ics)
	if err != nil || !strings.Contains(out, "Added 2 holiday(s)") || !strings.Contains(out, "2027-01-20  REGIONAL     Hari Jadi Kabupaten Kotabaru") ||
		!strings.Contains(out, "2027-01-21  CUTI_BERSAMA") {
		t.Fatalf("first import: %v\n%s", err, out)
	}
	out, err = command(t, env, "", "holidays", "import", ics)
	if err != nil || !strings.Contains(out, "Added 0 holiday(s)") || !strings.Contains(out, "Kept 2 date(s)") {
		t.Fatalf("second import: %v\n%s", err, out)
	}
	out, err = command(t, env, "", "audit", "verify")
	if err != nil || !regexp.MustCompile(`^intact, 2 entries`).MatchString(out) {
		t.Errorf("audit verify after two imports: %v\n%s", err, out)
	}
	bad := filepath.Join(dir, "libur.csv")
	os.WriteFile(bad, []byte("tanggal,nama\n"), 0o600) //nolint:errcheck // the import below fails either way
	if out, err := command(t, env, "", "holidays", "import", bad); err == nil || !strings.Contains(out, "bukan berkas iCalendar") {
		t.Errorf("a CSV file: %v\n%s", err, out)
	}
}
