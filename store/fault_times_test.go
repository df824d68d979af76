package store_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// poisonedTimes are stored times no writer of the application produces, as
// SQL literals per dialect: year 1, year −1 and text that is no time at
// all (SQLite keeps any text; PostgreSQL's nearest is infinity).
func poisonedTimes(d store.Dialect) []string {
	if d == store.SQLite {
		return []string{"'0001-01-01 00:00:00+00:00'", "'-0001-12-31 16:00:00+00:00'", "'bukan waktu'", "12345", "'10000-01-01 00:00:00+00:00'"}
	}
	return []string{"'0001-01-01 00:00:00+00'", "'0002-12-31 16:00:00+00 BC'", "'infinity'", "'-infinity'", "'10000-01-01 00:00:00+00'"}
}

// poison writes value into a time column of one row, around the store.
func poison(t *testing.T, db *store.DB, table, column, value string, id int64) {
	t.Helper()
	query := fmt.Sprintf("UPDATE %s SET %s = %s WHERE id = %d", table, column, value, id)
	if _, err := db.Bun().ExecContext(context.Background(), query); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// captureLogs collects what the code under test logs.
type captureLogs struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (c *captureLogs) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.Write(p)
}

func (c *captureLogs) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.String()
}

func mustCaptureLogs(t *testing.T) *captureLogs {
	logs := &captureLogs{}
	previous := slog.Default()
	slog.SetDefault(slog.New(slog.NewJSONHandler(logs, nil)))
	t.Cleanup(func() { slog.SetDefault(previous) })
	return logs
}

// TestFaultPoisonedTimesRead stores out-of-range and unreadable times with
// SQL and reads through every store method that lists or loads them: each
// answers, every time read lies within the readable range, pagination
// visits every issue exactly once in every order, and the bad cells are
// logged as warnings with their row ids.
func TestFaultPoisonedTimesRead(t *testing.T) {
	logs := mustCaptureLogs(t)
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		logStart := len(logs.String())
		if db.Dialect() == store.Postgres {
			// A cell is logged once per process: row ids of their own keep
			// this database's cells apart from the previous one's.
			for _, seq := range []string{"issues_id_seq", "issue_sources_id_seq", "issue_events_id_seq"} {
				if _, err := db.Bun().ExecContext(context.Background(), "SELECT setval('"+seq+"', 1000)"); err != nil {
					t.Fatal(err)
				}
			}
		}
		trcUser := storetest.MustUser(t, db, "trc@tanggap.test", models.RoleTRC, "")
		storetest.MustAgency(t, db, "dinkes", "Dinas Kesehatan")
		trc := storetest.As(trcUser)
		auditor := storetest.As(&models.User{Role: models.RoleAuditor, Active: true})
		var issues []*models.Issue
		for k := 0; k < 12; k++ {
			issue, err := db.CreateIssue(trc, models.NewIssue{
				Title: fmt.Sprintf("Isu beracun %d", k), Summary: "Ringkasan isu yang waktunya dirusak di basis data.",
				Kind:    models.KindComplaint,
				Sources: []models.IssueSourceInput{{Platform: models.PlatformX, ClaimText: "Klaim yang beredar"}},
			})
			if err != nil {
				t.Fatal(err)
			}
			if k%2 == 0 {
				if issue, err = db.AssignIssue(trc, models.Assignment{IssueNumber: issue.Number, AgencySlug: "dinkes", Priority: models.PriorityNormal}); err != nil {
					t.Fatal(err)
				}
			}
			issues = append(issues, issue)
		}
		bad := poisonedTimes(db.Dialect())
		var poisonedIDs []int64
		for k, value := range bad {
			// Two issues per value, so that pages end on poisoned rows.
			for _, issue := range []*models.Issue{issues[2*k], issues[2*k+1]} {
				poison(t, db, "issues", "created_at", value, issue.ID)
				poison(t, db, "issues", "updated_at", value, issue.ID)
				poisonedIDs = append(poisonedIDs, issue.ID)
			}
			poison(t, db, "issues", "assigned_at", value, issues[2*k].ID)
			poison(t, db, "issue_sources", "detected_at", value, sourceID(t, db, issues[2*k].ID))
			poison(t, db, "issue_events", "created_at", value, eventID(t, db, issues[2*k].ID))
		}

		readable := func(what string, at time.Time) {
			t.Helper()
			if at.Year() < 1900 || at.Year() > 2200 {
				t.Errorf("%s read as %s, outside the readable range", what, at)
			}
		}
		for _, order := range []models.IssueOrder{models.OrderNewest, models.OrderOldest, models.OrderRecentlyUpdated} {
			for _, first := range []int{1, 2, 5} {
				seen := map[int64]int{}
				filter := models.IssueFilter{Order: order, First: first}
				for pages := 0; ; pages++ {
					if pages > len(issues)+1 {
						t.Fatalf("%s by %d: pagination does not end", order, first)
					}
					page, err := db.FindIssues(trc, filter)
					if err != nil {
						t.Fatalf("%s by %d: %v", order, first, err)
					}
					for _, i := range page.Issues {
						seen[i.ID]++
						readable(i.Number+" created_at", i.CreatedAt)
						readable(i.Number+" updated_at", i.UpdatedAt)
					}
					if !page.HasNextPage {
						break
					}
					filter.After = page.Cursors[len(page.Cursors)-1]
				}
				for _, issue := range issues {
					if seen[issue.ID] != 1 {
						t.Errorf("%s by %d: %s listed %d times", order, first, issue.Number, seen[issue.ID])
					}
				}
			}
		}
		inbox, err := db.FindIssues(trc, models.IssueFilter{Statuses: []models.IssueStatus{models.StatusNew}, First: 100, CountTotal: true})
		if err != nil || inbox.TotalCount != len(issues)/2 {
			t.Fatalf("TRC inbox: %v, %+v", err, inbox)
		}
		for _, issue := range issues {
			got, err := db.IssueByNumber(auditor, issue.Number)
			if err != nil {
				t.Fatalf("issue %s: %v", issue.Number, err)
			}
			readable(issue.Number+" created_at", got.CreatedAt)
			if got.AssignedAt != nil {
				readable(issue.Number+" assigned_at", *got.AssignedAt)
			}
		}
		ids := make([]int64, len(issues))
		for k, issue := range issues {
			ids[k] = issue.ID
		}
		sources, err := db.SourcesByIssueIDs(auditor, ids)
		if err != nil || len(sources) != len(issues) {
			t.Fatalf("sources: %v (%d)", err, len(sources))
		}
		for _, s := range sources {
			readable("source detected_at", s.DetectedAt)
		}
		events, err := db.EventsByIssueIDs(auditor, ids)
		if err != nil {
			t.Fatalf("events: %v", err)
		}
		for _, e := range events {
			readable("event created_at", e.CreatedAt)
		}
		if _, err := db.IssuesByIDs(auditor, ids); err != nil {
			t.Fatalf("issues by ids: %v", err)
		}

		// A bad cell is a warning naming the row; nothing is an error.
		own := logs.String()[logStart:]
		for _, id := range poisonedIDs {
			key := fmt.Sprintf(`"table":"issues","id":%d,"column":"created_at"`, id)
			warned := false
			for _, line := range strings.Split(own, "\n") {
				warned = warned || strings.Contains(line, key) && strings.Contains(line, `"level":"WARN"`)
			}
			if !warned {
				t.Errorf("no warning for issues.created_at of row %d:\n%s", id, own)
			}
		}
		if strings.Contains(own, `"level":"ERROR"`) {
			t.Errorf("an error was logged:\n%s", own)
		}
		// Once per cell, not once per read.
		if n := strings.Count(own, fmt.Sprintf(`"table":"issues","id":%d,"column":"created_at"`, poisonedIDs[0])); n != 1 {
			t.Errorf("the bad cell was logged %d times", n)
		}
	})
}

func sourceID(t *testing.T, db *store.DB, issueID int64) int64 {
	t.Helper()
	var id int64
	if err := db.Bun().NewRaw("SELECT MIN(id) FROM issue_sources WHERE issue_id = ?", issueID).Scan(context.Background(), &id); err != nil {
		t.Fatal(err)
	}
	return id
}

func eventID(t *testing.T, db *store.DB, issueID int64) int64 {
	t.Helper()
	var id int64
	if err := db.Bun().NewRaw("SELECT MIN(id) FROM issue_events WHERE issue_id = ?", issueID).Scan(context.Background(), &id); err != nil {
		t.Fatal(err)
	}
	return id
}
