package store_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestIssueByNumberWith reads every issue of the demo in one statement and
// wants what the three separate reads give: the issue, or not found for a
// caller who may not see it; its sources (account handles blanked for
// anonymous readers); its responses the caller may see (drafts only for
// those who may), in part (without HTML) or whole — for anonymous readers,
// a TRC and a PIC, and with times no writer produces stored in some rows.
func TestIssueByNumberWith(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		mustCaptureLogs(t) // the clamped times are logged
		for i, value := range poisonedTimes(db.Dialect()) {
			poison(t, db, "issues", "updated_at", value, int64(i+1))
			poison(t, db, "responses", "published_at", value, int64(i+1))
			poison(t, db, "issue_sources", "detected_at", value, int64(i+1))
		}
		var open []struct {
			Number string
			Slug   string
		}
		err := db.Bun().NewRaw(`SELECT i.number, a.slug FROM issues i JOIN agencies a ON a.id = i.agency_id
			WHERE i.status = 'IN_PROGRESS' AND NOT i.internal ORDER BY i.id LIMIT 1`).Scan(t.Context(), &open)
		if err != nil || len(open) == 0 {
			t.Fatalf("no issue in progress in the demo: %v", err)
		}
		pic := storetest.As(storetest.MustUser(t, db, "pic.with@example.id", models.RolePIC, open[0].Slug))
		if _, err := db.SaveDraft(pic, models.ResponseDraftInput{IssueNumber: open[0].Number, Body: "Draf: masih diperiksa <b>tim</b>."}); err != nil {
			t.Fatal(err)
		}
		var numbers []string
		if err := db.Bun().NewRaw("SELECT number FROM issues ORDER BY id").Scan(t.Context(), &numbers); err != nil {
			t.Fatal(err)
		}
		trc := storetest.As(storetest.MustUser(t, db, "trc.with@example.id", models.RoleTRC, ""))

		var found, hidden, draftsSeen, sourcesSeen int
		for _, caller := range []struct {
			name string
			ctx  context.Context
		}{{"anonymous", t.Context()}, {"TRC", trc}, {"PIC", pic}} {
			for _, slim := range []bool{false, true} {
				ctx := caller.ctx
				if slim {
					ctx = models.NewContextWithReadParts(ctx, models.ReadParts{NoResponseHTML: true})
				}
				for _, with := range []models.IssueWith{{Sources: true, Responses: true}, {Sources: true}, {Responses: true}, {}} {
					for _, number := range numbers {
						got, err := db.IssueByNumberWith(ctx, number, with)
						issue, wantErr := db.IssueByNumber(ctx, number)
						if models.ErrorCode(err) != models.ErrorCode(wantErr) {
							t.Fatalf("%s %s %+v: error %v, want %v", caller.name, number, with, err, wantErr)
						}
						if wantErr != nil {
							hidden++
							continue
						}
						found++
						if !reflect.DeepEqual(got.Issue, issue) {
							t.Errorf("%s %s: issue\n%+v\nwant\n%+v", caller.name, number, got.Issue, issue)
						}
						sources, err := db.SourcesByIssueIDs(ctx, []int64{issue.ID})
						if err != nil {
							t.Fatal(err)
						}
						responses, err := db.ResponsesByIssueIDs(ctx, []int64{issue.ID})
						if err != nil {
							t.Fatal(err)
						}
						if !with.Sources {
							sources = nil
						}
						if !with.Responses {
							responses = nil
						}
						sourcesSeen += len(got.Sources)
						for _, r := range got.Responses {
							if r.Status == models.ResponseDraft {
								draftsSeen++
							}
						}
						if !equalRows(got.Sources, sources) {
							t.Errorf("%s %s: sources %v, want %v", caller.name, number, got.Sources, sources)
						}
						if !equalRows(got.Responses, responses) {
							t.Errorf("%s %s slim=%v: responses %v, want %v", caller.name, number, slim, got.Responses, responses)
						}
					}
				}
			}
		}
		if found == 0 || hidden == 0 || draftsSeen == 0 || sourcesSeen == 0 {
			t.Fatalf("%d issues found, %d hidden, %d drafts and %d sources seen: the demo no longer covers every case", found, hidden, draftsSeen, sourcesSeen)
		}
	})
}

// equalRows compares two lists of rows, an empty list and none alike.
func equalRows[T any](got, want []*T) bool {
	if len(got) == 0 && len(want) == 0 {
		return true
	}
	return reflect.DeepEqual(got, want)
}

// TestIssueWithPlan: on SQLite the statement of one issue finds each part's
// rows by index and reads no table whole (an outer join on a constant
// false would scan it for every row). The plan does not depend on the
// table's size, so the demo shows it.
func TestIssueWithPlan(t *testing.T) {
	db := storetest.MustOpen(t, store.SQLite)
	storetest.MustLoadDemo(t, db, time.Now())
	for _, with := range []models.IssueWith{{Sources: true, Responses: true}, {Sources: true}, {Responses: true}} {
		var plan []struct {
			ID      int    `bun:"id"`
			Parent  int    `bun:"parent"`
			NotUsed int    `bun:"notused"`
			Detail  string `bun:"detail"`
		}
		text := strings.ReplaceAll(store.IssueWithText(db, with, false), "?1", "'KTB-2026-000001'")
		if err := db.Bun().NewRaw("EXPLAIN QUERY PLAN "+text).Scan(t.Context(), &plan); err != nil {
			t.Fatal(err)
		}
		searched := 0
		for _, step := range plan {
			if strings.HasPrefix(step.Detail, "SCAN ") {
				t.Errorf("%+v: %s reads a table whole", with, step.Detail)
			}
			if strings.HasPrefix(step.Detail, "SEARCH ") {
				searched++
			}
		}
		if searched < 3 {
			t.Errorf("%+v: %d index searches in the plan %+v", with, searched, plan)
		}
	}
}
