package store_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestImportCSVLargeFile: a file far larger than any buffer is read to its
// end; the one problem, in its last row past 64 MiB, is reported with that
// row's number.
func TestImportCSVLargeFile(t *testing.T) {
	db := storetest.MustOpen(t, store.SQLite)
	mustImportFixtures(t, db)
	path := filepath.Join(t.TempDir(), "besar.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "external_ref,title,summary,kind,logged_at")
	summary := strings.Repeat("Ringkasan laporan arsip yang panjang. ", 100)
	rows := 1
	for size := 0; size < 70<<20; rows++ {
		n, _ := fmt.Fprintf(w, "BESAR-%06d,Laporan arsip nomor %d,%s,COMPLAINT,2026-01-05 08:00\n", rows, rows, summary)
		size += n
	}
	rows++
	fmt.Fprintf(w, "BESAR-%06d,Laporan arsip terakhir,%s,GOSIP,2026-01-05 08:00\n", rows, summary)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	f, err = os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	_, err = db.ImportCSV(storetest.SystemContext(), f, "besar.csv")
	var invalid *store.ImportError
	if !errors.As(err, &invalid) {
		t.Fatalf("want an ImportError, got %v", err)
	}
	if len(invalid.Rows) != 1 || invalid.Rows[0].Row != rows || invalid.Rows[0].Column != "kind" {
		t.Errorf("want one problem in row %d, column kind; got %v", rows, invalid.Error())
	}
}

// TestImportCSVUnreadableRows: a row that is not valid CSV, or that grows
// past MaxImportRowBytes (an unclosed quote swallowing the rest of the
// file), stops the check there with its row number, not its line number,
// together with the problems found before it.
func TestImportCSVUnreadableRows(t *testing.T) {
	db := storetest.MustOpen(t, store.SQLite)
	mustImportFixtures(t, db)
	header := "external_ref,title,summary,kind,logged_at,response\n"
	// Row 2 spans three lines; row 3 has a problem of its own.
	valid := "OK-1,Judul yang sah,Ringkasan yang cukup panjang.,COMPLAINT,2026-03-01 08:00,\"\"\n" +
		"OK-2,Judul yang sah,\"Ringkasan\nyang cukup\npanjang.\",COMPLAINT,2026-03-01 08:00,\n" +
		"OK-3,Judul yang sah,Ringkasan yang cukup panjang.,GOSIP,2026-03-01 08:00,\n"
	cases := []struct {
		name, bad, message string
	}{
		{"ErrBareQuote", "BAD-4,Judul \"sah\" ini,Ringkasan yang cukup panjang.,COMPLAINT,2026-03-01 08:00,\n", "CSV tidak valid"},
		{"ErrRowTooLarge", "BAD-4,Judul yang sah,\"Ringkasan tanpa tanda kutip penutup " +
			strings.Repeat("teks yang terus berlanjut ", 3*store.MaxImportRowBytes/26) + "\n", "melebihi 1 MiB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := header + valid + c.bad + strings.Repeat("OK-9,Judul yang sah,Ringkasan yang cukup panjang.,COMPLAINT,2026-03-01 08:00,\n", 10)
			_, err := importFile(t, db, file)
			var invalid *store.ImportError
			if !errors.As(err, &invalid) {
				t.Fatalf("want an ImportError, got %v", err)
			}
			if len(invalid.Rows) != 2 || invalid.Rows[0].Row != 4 || invalid.Rows[0].Column != "kind" ||
				invalid.Rows[1].Row != 5 || !strings.Contains(invalid.Rows[1].Message, c.message) {
				t.Errorf("want the problem of row 4 and %q in row 5; got %v", c.message, invalid.Error())
			}
		})
	}
}

// TestImportCSVBatches: a file of several batches is imported whole, with
// the sources of its continuation rows, numbers handed out in logging
// order, an outbox row per issue, and an audit entry per batch in an
// unbroken chain; importing it again changes nothing.
func TestImportCSVBatches(t *testing.T) {
	const issues = 1500
	now := time.Now()
	var file bytes.Buffer
	if err := storetest.WriteImportCSV(&file, "ARSIP", issues, now); err != nil {
		t.Fatal(err)
	}
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, now)
		auditBefore := auditCount(t, db)
		result, err := db.ImportCSV(storetest.SystemContext(), bytes.NewReader(file.Bytes()), "arsip.csv")
		if err != nil {
			t.Fatal(err)
		}
		if len(result.Imported) != issues || len(result.Skipped) != 0 {
			t.Fatalf("imported %d, skipped %d; want %d new issues", len(result.Imported), len(result.Skipped), issues)
		}
		checkImported(t, db, file.Bytes(), issues, true)

		entries := auditCount(t, db) - auditBefore
		if entries < 2 {
			t.Errorf("%d audit entries for %d issues; want one per batch", entries, issues)
		}
		if v, err := db.VerifyAudit(storetest.SystemContext(), true); err != nil || !v.Intact {
			t.Errorf("audit chain after the import: %+v %v", v, err)
		}

		result, err = db.ImportCSV(storetest.SystemContext(), bytes.NewReader(file.Bytes()), "arsip.csv")
		if err != nil {
			t.Fatal(err)
		}
		if len(result.Imported) != 0 || len(result.Skipped) != issues || auditCount(t, db)-auditBefore != entries {
			t.Errorf("re-import: imported %d, skipped %d, %d new audit entries", len(result.Imported), len(result.Skipped), auditCount(t, db)-auditBefore-entries)
		}
		checkImported(t, db, file.Bytes(), issues, true)
	})
}

// TestImportCSVStoppedAndResumed: an import that stops part-way (here the
// file cannot be read any further) keeps the batches it saved and says so;
// running it again imports the rest, and the result is the same as one
// uninterrupted import.
func TestImportCSVStoppedAndResumed(t *testing.T) {
	const issues = 1500
	now := time.Now()
	var file bytes.Buffer
	if err := storetest.WriteImportCSV(&file, "ARSIP", issues, now); err != nil {
		t.Fatal(err)
	}
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, now)
		broken := &brokenSecondRead{Reader: bytes.NewReader(file.Bytes()), failAt: int64(file.Len()) * 6 / 10}
		_, err := db.ImportCSV(storetest.SystemContext(), broken, "arsip.csv")
		var stopped *store.ImportStoppedError
		if !errors.As(err, &stopped) {
			t.Fatalf("want an ImportStoppedError, got %v", err)
		}
		if n := len(stopped.Imported); n == 0 || n >= issues {
			t.Fatalf("the stopped import saved %d issues", n)
		}
		if !strings.Contains(stopped.Error(), "jalankan lagi") {
			t.Errorf("the error does not say how to finish: %v", stopped)
		}

		result, err := db.ImportCSV(storetest.SystemContext(), bytes.NewReader(file.Bytes()), "arsip.csv")
		if err != nil {
			t.Fatal(err)
		}
		if len(result.Imported)+len(stopped.Imported) != issues || len(result.Skipped) != len(stopped.Imported) {
			t.Errorf("the second run imported %d and skipped %d after %d", len(result.Imported), len(result.Skipped), len(stopped.Imported))
		}
		// Each run numbers its own issues in logging order.
		checkImported(t, db, file.Bytes(), issues, false)
	})
}

// TestImportCSVWriteFails: batches are written while the next are read, so
// a batch the database refuses is reported when the import has read on. A
// refused later batch stops the import with the batches before it saved,
// and every batch saved reported, and nothing of its own; a refused first batch leaves nothing, not even
// the numbers it reserved. Either way the audit chain is whole, and running
// the import again once the database accepts the rows imports the rest.
func TestImportCSVWriteFails(t *testing.T) {
	const issues = 1500
	now := time.Now()
	var file bytes.Buffer
	if err := storetest.WriteImportCSV(&file, "ARSIP", issues, now); err != nil {
		t.Fatal(err)
	}
	refuse := func(t *testing.T, db *store.DB, ref string) (undo func()) {
		t.Helper()
		stmts := []string{"CREATE TRIGGER refuse_import BEFORE INSERT ON issues WHEN NEW.external_ref = '" + ref + "' " +
			"BEGIN SELECT RAISE(ABORT, 'refused'); END"}
		drop := []string{"DROP TRIGGER refuse_import"}
		if db.Dialect() == store.Postgres {
			stmts = []string{"CREATE FUNCTION refuse_import() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " +
				"IF NEW.external_ref = '" + ref + "' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$",
				"CREATE TRIGGER refuse_import BEFORE INSERT ON issues FOR EACH ROW EXECUTE FUNCTION refuse_import()"}
			drop = []string{"DROP TRIGGER refuse_import ON issues", "DROP FUNCTION refuse_import()"}
		}
		exec := func(stmts []string) {
			for _, q := range stmts {
				if _, err := db.Bun().ExecContext(context.Background(), q); err != nil {
					t.Fatal(err)
				}
			}
		}
		exec(stmts)
		return func() { exec(drop) }
	}
	stored := func(t *testing.T, db *store.DB) []string {
		t.Helper()
		var numbers []string
		err := db.Bun().NewSelect().Table("issues").Column("number").Where("external_ref LIKE ?", "ARSIP-%").
			Order("number").Scan(context.Background(), &numbers)
		if err != nil {
			t.Fatal(err)
		}
		return numbers
	}
	counters := func(t *testing.T, db *store.DB) string {
		t.Helper()
		var rows []struct {
			Year    int `bun:"year"`
			LastSeq int `bun:"last_seq"`
		}
		if err := db.Bun().NewSelect().Table("issue_counters").Column("year", "last_seq").Order("year").Scan(context.Background(), &rows); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(rows)
	}
	intact := func(t *testing.T, db *store.DB) {
		t.Helper()
		if v, err := db.VerifyAudit(storetest.SystemContext(), true); err != nil || !v.Intact {
			t.Errorf("audit chain: %+v %v", v, err)
		}
	}

	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, now)

		t.Run("LaterBatch", func(t *testing.T) {
			undo := refuse(t, db, "ARSIP-001200")
			_, err := db.ImportCSV(storetest.SystemContext(), bytes.NewReader(file.Bytes()), "arsip.csv")
			var stopped *store.ImportStoppedError
			if !errors.As(err, &stopped) || !strings.Contains(err.Error(), "jalankan lagi") {
				t.Fatalf("want an ImportStoppedError, got %v", err)
			}
			saved := slices.Sorted(slices.Values(stopped.Imported))
			// The batches before the refused one are saved; on PostgreSQL
			// one written beside it may be too.
			if n := len(saved); n == 0 || n >= issues {
				t.Fatalf("the stopped import saved %d issues; want the batches before the 1200th row", n)
			}
			if got := stored(t, db); !slices.Equal(got, saved) {
				t.Fatalf("%d issues stored, %d reported saved", len(got), len(saved))
			}
			intact(t, db)
			undo()
			result, err := db.ImportCSV(storetest.SystemContext(), bytes.NewReader(file.Bytes()), "arsip.csv")
			if err != nil {
				t.Fatal(err)
			}
			if len(result.Imported)+len(saved) != issues || len(result.Skipped) != len(saved) {
				t.Errorf("the second run imported %d and skipped %d after %d", len(result.Imported), len(result.Skipped), len(saved))
			}
			checkImported(t, db, file.Bytes(), issues, false)
			intact(t, db)
		})

		t.Run("FirstBatch", func(t *testing.T) {
			var other bytes.Buffer
			if err := storetest.WriteImportCSV(&other, "LAIN", 700, now); err != nil {
				t.Fatal(err)
			}
			before, entries := counters(t, db), auditCount(t, db)
			undo := refuse(t, db, "LAIN-000010")
			_, err := db.ImportCSV(storetest.SystemContext(), bytes.NewReader(other.Bytes()), "lain.csv")
			var stopped *store.ImportStoppedError
			if err == nil || errors.As(err, &stopped) {
				t.Fatalf("want the first batch's error with nothing saved, got %v", err)
			}
			var n int
			if err := db.Bun().NewSelect().Table("issues").ColumnExpr("count(*)").Where("external_ref LIKE ?", "LAIN-%").
				Scan(context.Background(), &n); err != nil || n != 0 {
				t.Fatalf("%d issues stored after a refused first batch (%v)", n, err)
			}
			if after := counters(t, db); after != before || auditCount(t, db) != entries {
				t.Errorf("the refused batch left counters %s (were %s) and %d audit entries (were %d)", after, before, auditCount(t, db), entries)
			}
			undo()
			result, err := db.ImportCSV(storetest.SystemContext(), bytes.NewReader(other.Bytes()), "lain.csv")
			if err != nil || len(result.Imported) != 700 {
				t.Fatalf("the second run imported %v (%v)", result, err)
			}
			intact(t, db)
		})
	})
}

// brokenSecondRead is a file that reads once, and fails at failAt when read
// again.
type brokenSecondRead struct {
	*bytes.Reader
	rewound bool
	failAt  int64
}

func (b *brokenSecondRead) Seek(offset int64, whence int) (int64, error) {
	b.rewound = true
	return b.Reader.Seek(offset, whence)
}

func (b *brokenSecondRead) Read(p []byte) (int, error) {
	if b.rewound {
		pos := b.Size() - int64(b.Len())
		if pos >= b.failAt {
			return 0, errors.New("input/output error")
		}
		p = p[:min(int64(len(p)), b.failAt-pos)]
	}
	return b.Reader.Read(p)
}

// checkImported compares the issues imported from file with the file: each
// reference once, every source, every non-NEW issue assigned with its due
// times, an outbox row for each, and, when ordered, numbers in logging
// order.
func checkImported(t *testing.T, db *store.DB, file []byte, issues int, ordered bool) {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(file)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	sources := 0
	for _, r := range records[1:] {
		if r[6] != "" { // source_platform
			sources++
		}
	}
	ctx := context.Background()
	var rows []*models.Issue
	if err := db.Bun().NewSelect().Model(&rows).Where("external_ref LIKE ?", "ARSIP-%").Scan(ctx); err != nil {
		t.Fatal(err)
	}
	if len(rows) != issues {
		t.Fatalf("%d imported issues in the database, want %d", len(rows), issues)
	}
	ids := make([]int64, len(rows))
	// Every step from logging to closing is an event; answered issues have
	// their published response with its first revision.
	steps := map[models.IssueStatus]int{models.StatusNew: 1, models.StatusAssigned: 2, models.StatusInProgress: 3,
		models.StatusAnswered: 4, models.StatusClosed: 5}
	events, answered := 0, 0
	for i, issue := range rows {
		ids[i] = issue.ID
		events += steps[issue.Status]
		if issue.AnsweredAt != nil {
			answered++
		}
		if issue.Status != models.StatusNew && (issue.AgencyID == nil || issue.AnswerDueAt == nil) {
			t.Errorf("%s (%s) came in without its assignment: %+v", issue.Number, issue.Status, issue)
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Number < rows[j].Number })
	for i := 1; ordered && i < len(rows); i++ {
		if rows[i].CreatedAt.Before(rows[i-1].CreatedAt) {
			t.Fatalf("%s was logged before %s", rows[i].Number, rows[i-1].Number)
		}
	}
	count := func(table string) int {
		n, err := db.Bun().NewSelect().Table(table).Where("issue_id IN (?)", bun.In(ids)).Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return int(n)
	}
	if n := count("issue_sources"); n != sources {
		t.Errorf("%d sources imported, the file has %d", n, sources)
	}
	if n := indexedIssues(t, db, ids); n != issues {
		t.Errorf("index jobs for %d issues, %d imported", n, issues)
	}
	if n := count("issue_events"); n != events {
		t.Errorf("%d events for the imported issues, want %d", n, events)
	}
	revisions, err := db.Bun().NewSelect().
		Table("response_revisions").
		Join("JOIN responses ON responses.id = response_revisions.response_id").
		Where("responses.issue_id IN (?)", bun.In(ids)).
		Where("responses.status = ?", models.ResponsePublished).
		Count(ctx)
	if err != nil || count("responses") != answered || int(revisions) != answered {
		t.Errorf("%d responses with %d revisions for %d answered issues (%v)", count("responses"), revisions, answered, err)
	}
}

// TestImportGathersStatistics: on PostgreSQL an import that fills the
// tables has their statistics gathered before it returns, so the reads
// after it (a reindex first) are planned on what the tables now hold.
func TestImportGathersStatistics(t *testing.T) {
	if !slices.Contains(storetest.Dialects(t), store.Postgres) {
		t.Skip("needs PostgreSQL")
	}
	const issues = 300
	var file bytes.Buffer
	if err := storetest.WriteImportCSV(&file, "STAT", issues, time.Now()); err != nil {
		t.Fatal(err)
	}
	db := storetest.MustOpen(t, store.Postgres)
	storetest.MustLoadDemo(t, db, time.Now())
	if _, err := db.ImportCSV(storetest.SystemContext(), bytes.NewReader(file.Bytes()), "statistik.csv"); err != nil {
		t.Fatal(err)
	}
	var rows []struct {
		Name     string  `bun:"relname"`
		Tuples   float64 `bun:"reltuples"`
		Gathered bool    `bun:"gathered"`
	}
	err := db.Bun().NewRaw("SELECT c.relname, c.reltuples, s.last_analyze IS NOT NULL AS gathered "+
		"FROM pg_class AS c JOIN pg_stat_user_tables AS s ON s.relid = c.oid "+
		"WHERE c.relname IN ('issues', 'issue_sources', 'issue_events', 'responses', 'response_revisions') ORDER BY 1").
		Scan(context.Background(), &rows)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 {
		t.Fatalf("found %d of the 5 imported tables", len(rows))
	}
	for _, r := range rows {
		if !r.Gathered || r.Tuples <= 0 {
			t.Errorf("%s: statistics gathered %v, %v rows known; want gathered, with rows", r.Name, r.Gathered, r.Tuples)
		}
	}
	var stored int
	if err := db.Bun().NewRaw("SELECT count(*) FROM issues").Scan(context.Background(), &stored); err != nil {
		t.Fatal(err)
	}
	if rows[2].Name != "issues" || rows[2].Tuples != float64(stored) || stored < issues {
		t.Errorf("%s: %v rows known; want the %d stored", rows[2].Name, rows[2].Tuples, stored)
	}
}
