package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestPreparedPagesEvicted: more filter shapes than statements kept, read
// concurrently, evict statements while other reads may still run them;
// every read still answers, with the same issues as a read alone.
func TestPreparedPagesEvicted(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		defer store.SetMaxPreparedTexts(2)()
		filters := []models.IssueFilter{
			{First: 5},
			{First: 5, Statuses: []models.IssueStatus{models.StatusAnswered}},
			{First: 5, Statuses: []models.IssueStatus{models.StatusClosed}},
			{First: 5, Kinds: []models.IssueKind{models.KindComplaint}},
			{First: 5, Order: models.OrderOldest},
			{First: 5, Order: models.OrderRecentlyUpdated},
		}
		want := make([][]string, len(filters))
		for i, f := range filters {
			p, err := db.FindIssues(anonymous, f)
			if err != nil {
				t.Fatal(err)
			}
			want[i] = numbers(p.Issues)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 8*30)
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				for k := 0; k < 30; k++ {
					i := (g + k) % len(filters)
					p, err := db.FindIssues(anonymous, filters[i])
					if err != nil {
						errs <- err
						continue
					}
					if got := numbers(p.Issues); len(got) != len(want[i]) || (len(got) > 0 && got[0] != want[i][0]) {
						t.Errorf("filter %d read %v, alone %v", i, got, want[i])
					}
				}
			}(g)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("a read while statements were evicted: %v", err)
		}
		if n := store.PreparedTexts(db); n > 2 {
			t.Errorf("%d statements kept by text, bound 2", n)
		}
	})
}

// TestRowsOfOneIssue: the rows of one issue read on their own are those a
// read of many issues gives it, in the same order; on PostgreSQL the
// statement for one issue is planned once per connection, not at every
// read.
func TestRowsOfOneIssue(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		ctx := storetest.SystemContext()
		var ids []int64
		if err := db.Bun().NewRaw("SELECT id FROM issues ORDER BY id").Scan(ctx, &ids); err != nil {
			t.Fatal(err)
		}
		sources, err := db.SourcesByIssueIDs(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		events, err := db.EventsByIssueIDs(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		responses, err := db.ResponsesByIssueIDs(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		if len(sources) == 0 || len(events) == 0 || len(responses) == 0 {
			t.Fatalf("demo data: %d sources, %d events, %d responses", len(sources), len(events), len(responses))
		}
		for _, id := range ids {
			one, err := db.SourcesByIssueIDs(ctx, []int64{id})
			if err != nil {
				t.Fatal(err)
			}
			sameRows(t, "sources", id, one, sources, func(s *models.IssueSource) (int64, int64) { return s.IssueID, s.ID })
			oneEvents, err := db.EventsByIssueIDs(ctx, []int64{id})
			if err != nil {
				t.Fatal(err)
			}
			sameRows(t, "events", id, oneEvents, events, func(e *models.IssueEvent) (int64, int64) { return e.IssueID, e.ID })
			oneResponses, err := db.ResponsesByIssueIDs(ctx, []int64{id})
			if err != nil {
				t.Fatal(err)
			}
			sameRows(t, "responses", id, oneResponses, responses, func(r *models.Response) (int64, int64) { return r.IssueID, r.ID })
			for _, r := range oneResponses {
				revisions, err := db.RevisionsByResponseIDs(ctx, []int64{r.ID})
				if err != nil {
					t.Fatal(err)
				}
				if len(revisions) == 0 || revisions[0].ResponseID != r.ID {
					t.Errorf("response %d: revisions %v", r.ID, revisions)
				}
			}
		}
	})

	if !slices.Contains(storetest.Dialects(t), store.Postgres) {
		return
	}
	db, err := store.Open(storetest.NewPostgresURL(t), store.Options{MaxConns: 1, Hasher: auth.Argon2id{}})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := storetest.SystemContext()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	storetest.MustLoadDemo(t, db, time.Now())
	for range 12 {
		if _, err := db.SourcesByIssueIDs(ctx, []int64{1}); err != nil {
			t.Fatal(err)
		}
	}
	var plans []struct {
		Statement string `bun:"statement"`
		Generic   int    `bun:"generic_plans"`
		Custom    int    `bun:"custom_plans"`
	}
	err = db.Bun().NewRaw("SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%issue_sources%'").Scan(ctx, &plans)
	if err != nil {
		t.Fatal(err)
	}
	if len(plans) != 1 || plans[0].Custom > 5 || plans[0].Generic < 7 {
		t.Errorf("statements reading one issue's sources, with their plans: %+v; want one, planned for every value after the first runs", plans)
	}
}

// sameRows checks that the rows read for issue id alone are those of all,
// read for many issues, that belong to it, in the same order.
func sameRows[T any](t *testing.T, what string, id int64, one, all []T, key func(T) (parent, row int64)) {
	t.Helper()
	var want, got []int64
	for _, r := range all {
		if p, k := key(r); p == id {
			want = append(want, k)
		}
	}
	for _, r := range one {
		p, k := key(r)
		if p != id {
			t.Errorf("%s of issue %d: a row of issue %d", what, id, p)
		}
		got = append(got, k)
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s of issue %d: read alone %v, among all %v", what, id, got, want)
	}
}

// TestReadParts: reads that leave out the parts models.ReadParts names
// return the same rows as whole reads, less those parts; a response whose
// HTML was not stored is not rendered for a reader that leaves it out.
func TestReadParts(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		trc := storetest.As(storetest.MustUser(t, db, "trc.readparts@example.id", models.RoleTRC, ""))
		for _, ctx := range []context.Context{t.Context(), trc} {
			slim := models.NewContextWithReadParts(ctx, models.ReadParts{NoIssueProgress: true, NoResponseHTML: true})
			whole, err := db.FindIssues(ctx, models.IssueFilter{First: 100})
			if err != nil {
				t.Fatal(err)
			}
			part, err := db.FindIssues(slim, models.IssueFilter{First: 100})
			if err != nil {
				t.Fatal(err)
			}
			if len(whole.Issues) == 0 || len(part.Issues) != len(whole.Issues) || !slices.Equal(part.Cursors, whole.Cursors) {
				t.Fatalf("%d issues and %d cursors read in part, %d and %d whole", len(part.Issues), len(part.Cursors), len(whole.Issues), len(whole.Cursors))
			}
			progressed := 0
			var ids []int64
			for i, w := range whole.Issues {
				if w.AnsweredAt != nil {
					progressed++
				}
				p := *w
				p.AssignedAt, p.AcknowledgedAt, p.AnsweredAt, p.ClosedAt, p.AcknowledgeDueAt, p.AnswerDueAt = nil, nil, nil, nil, nil, nil
				if !reflect.DeepEqual(part.Issues[i], &p) {
					t.Errorf("issue %s read in part:\n%+v\nwant\n%+v", w.Number, part.Issues[i], &p)
				}
				ids = append(ids, w.ID)
			}
			if progressed == 0 {
				t.Fatal("no answered issue among those read")
			}
			wholeResponses, err := db.ResponsesByIssueIDs(ctx, ids)
			if err != nil {
				t.Fatal(err)
			}
			partResponses, err := db.ResponsesByIssueIDs(slim, ids)
			if err != nil {
				t.Fatal(err)
			}
			if len(wholeResponses) == 0 || len(partResponses) != len(wholeResponses) {
				t.Fatalf("%d responses read in part, %d whole", len(partResponses), len(wholeResponses))
			}
			for i, w := range wholeResponses {
				r := *w
				r.BodyHTML = ""
				if w.BodyHTML == "" || !reflect.DeepEqual(partResponses[i], &r) {
					t.Errorf("response %d read in part:\n%+v\nwant\n%+v", w.ID, partResponses[i], &r)
				}
			}
		}
	})
}

// TestTxStatementsPrepared: the statements a change runs in its transaction
// through queryTx — locking the issue, finding the askers to tell — are
// prepared once per connection and then reused; and with a pool of a single
// connection, which the transaction holds while the statement is first
// prepared, no change stalls: each completes within its deadline.
func TestTxStatementsPrepared(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			rawURL := "sqlite:" + filepath.Join(t.TempDir(), "tanggap.db")
			if d == store.Postgres {
				rawURL = storetest.NewPostgresURL(t)
			}
			db, err := store.Open(rawURL, store.Options{MaxConns: 1, Hasher: auth.Argon2id{}})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Migrate(t.Context()); err != nil {
				t.Fatal(err)
			}
			db.EnableAskerMail()
			trc, pic := storetest.MustDinkesStaff(t, db)
			var numbers []string
			for i := range 8 {
				numbers = append(numbers, storetest.MustAssignedIssue(t, db, trc, fmt.Sprintf("Jalan rusak di RT %d", i+1), "dinkes"))
			}
			for _, n := range numbers {
				ctx, cancel := context.WithTimeout(pic, 10*time.Second)
				r, err := db.PublishResponse(ctx, models.ResponseDraftInput{IssueNumber: n, Body: "Jalan sudah ditambal oleh dinas pada pekan ini."})
				cancel()
				if err != nil || r.Revision != 1 {
					t.Fatalf("publish %s: %+v, %v", n, r, err)
				}
			}
			if d != store.Postgres {
				return
			}
			// The pool's one connection holds the statements it prepared.
			var plans []struct {
				Statement string `bun:"statement"`
				Generic   int    `bun:"generic_plans"`
				Custom    int    `bun:"custom_plans"`
			}
			err = db.Bun().NewRaw("SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements "+
				"WHERE statement LIKE '%FOR UPDATE%' OR statement LIKE '%question_mail_tokens%' ORDER BY statement").Scan(t.Context(), &plans)
			if err != nil {
				t.Fatal(err)
			}
			runs := map[string]int{}
			for _, p := range plans {
				switch {
				case strings.Contains(p.Statement, "question_mail_tokens"):
					runs["askers"] += p.Generic + p.Custom
				case strings.Contains(p.Statement, `"issues" AS "issue"`):
					runs["lock issue"] += p.Generic + p.Custom
				}
			}
			// 16 changes lock an issue (8 assignments, 8 publications) and 8
			// find askers; the first run of each may go as text.
			if runs["askers"] < 6 || runs["lock issue"] < 12 {
				t.Errorf("runs of prepared statements: %v; statements: %+v", runs, plans)
			}
		})
	}
}
