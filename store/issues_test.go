package store_test

import (
	"context"
	"database/sql"
	"encoding/base64"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/demodata"
	"github.com/kotabaru/tanggap/store/storetest"
)

// inOrder sorts a copy of issues as FindIssues promises: by the order's
// instant, then by id, newest first except for OLDEST.
func inOrder(issues []*models.Issue, order models.IssueOrder) []*models.Issue {
	out := slices.Clone(issues)
	at := func(i *models.Issue) time.Time {
		if order == models.OrderRecentlyUpdated {
			return i.UpdatedAt
		}
		return i.CreatedAt
	}
	slices.SortFunc(out, func(a, b *models.Issue) int {
		c := at(a).Compare(at(b))
		if c == 0 {
			c = int(a.ID - b.ID)
		}
		if order == models.OrderOldest {
			return c
		}
		return -c
	})
	return out
}

func TestFindIssuesPagination(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		demoNow := time.Now().Add(-time.Hour).UTC().Truncate(time.Second)
		storetest.MustLoadDemo(t, db, demoNow)
		trcUser := demoUser(t, db, "trc.sari@demo.tanggap.id")
		trc := storetest.As(trcUser)

		// Nine public issues logged and assigned at the same instant, so that
		// pages of seven split a run of equal timestamps in every order.
		tie := demoNow.Add(-90 * time.Minute)
		db.Now = func() time.Time { return tie }
		for k := 0; k < 9; k++ {
			issue, err := db.CreateIssue(trc, newIssue(fmt.Sprintf("Isu kembar nomor %d", k)))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.AssignIssue(trc, models.Assignment{IssueNumber: issue.Number, AgencySlug: "dinkes", Priority: models.PriorityNormal}); err != nil {
				t.Fatal(err)
			}
		}
		db.Now = time.Now

		all := rawIssues(t, db)
		callers := []struct {
			name string
			ctx  context.Context
			rule func(*models.Issue) bool
		}{
			{"anonymous", anonymous, publicRule},
			{"TRC", trc, func(*models.Issue) bool { return true }},
			{"PIC", storetest.As(demoUser(t, db, "pic.inspektorat@demo.tanggap.id")), picRule(agencyID(t, db, "inspektorat"))},
		}
		for _, c := range callers {
			for _, order := range []models.IssueOrder{models.OrderNewest, models.OrderOldest, models.OrderRecentlyUpdated} {
				t.Run(c.name+"/"+string(order), func(t *testing.T) {
					want := inOrder(keep(all, c.rule), order)
					got := walkIssues(t, c.ctx, db, models.IssueFilter{Order: order, First: 7})
					sameNumbers(t, "walk", numbers(got), numbers(want))
					pages := (len(want) + 6) / 7
					walked, texts := 0, 0
					f := models.IssueFilter{Order: order, First: 7}
					for {
						p, err := db.FindIssues(c.ctx, f)
						if err != nil {
							t.Fatal(err)
						}
						walked++
						// Pages after the first share one prepared statement
						// whatever their cursor (store/prepared.go).
						if walked == 2 {
							if texts = store.PreparedTexts(db); texts == 0 {
								t.Fatal("the pages ran no prepared statement")
							}
						} else if walked > 2 && store.PreparedTexts(db) != texts {
							t.Fatalf("page %d prepared another statement: %d kept, %d after page 2", walked, store.PreparedTexts(db), texts)
						}
						if len(p.Issues) != 7 && p.HasNextPage {
							t.Fatalf("page %d has %d issues and a next page", walked, len(p.Issues))
						}
						if !p.HasNextPage {
							break
						}
						f.After = p.Cursors[len(p.Cursors)-1]
					}
					if walked != pages {
						t.Fatalf("%d pages for %d issues, want %d", walked, len(want), pages)
					}
				})
			}
		}

		t.Run("DefaultOrderIsNewest", func(t *testing.T) {
			p, err := db.FindIssues(anonymous, models.IssueFilter{})
			if err != nil {
				t.Fatal(err)
			}
			want := inOrder(keep(all, publicRule), models.OrderNewest)[:store.DefaultPageSize]
			sameNumbers(t, "default page", numbers(p.Issues), numbers(want))
		})

		t.Run("PageSizeBounds", func(t *testing.T) {
			for _, first := range []int{1, 100} {
				p, err := db.FindIssues(trc, models.IssueFilter{First: first})
				if err != nil {
					t.Fatalf("first %d: %v", first, err)
				}
				if want := min(first, len(all)); len(p.Issues) != want {
					t.Fatalf("first %d gave %d issues, want %d", first, len(p.Issues), want)
				}
			}
			for _, first := range []int{-1, 101, 1000} {
				_, err := db.FindIssues(anonymous, models.IssueFilter{First: first})
				mustCode(t, err, models.EINVALID, "first")
			}
		})

		t.Run("BadCursor", func(t *testing.T) {
			for _, after := range []string{
				"not a cursor",
				"!!!",
				base64.RawURLEncoding.EncodeToString([]byte(`{"o":"NEWEST"}`)),
				base64.RawURLEncoding.EncodeToString([]byte(`{"o":"NEWEST","i":-4}`)),
				base64.RawURLEncoding.EncodeToString([]byte(`[1,2,3]`)),
			} {
				_, err := db.FindIssues(anonymous, models.IssueFilter{First: 5, After: after})
				mustCode(t, err, models.EINVALID, "after")
			}
		})

		t.Run("CursorFromAnotherOrder", func(t *testing.T) {
			p, err := db.FindIssues(anonymous, models.IssueFilter{Order: models.OrderNewest, First: 3})
			if err != nil {
				t.Fatal(err)
			}
			for _, order := range []models.IssueOrder{models.OrderOldest, models.OrderRecentlyUpdated} {
				_, err := db.FindIssues(anonymous, models.IssueFilter{Order: order, First: 3, After: p.Cursors[2]})
				mustCode(t, err, models.EINVALID, "after")
			}
		})

		t.Run("UnknownOrder", func(t *testing.T) {
			_, err := db.FindIssues(anonymous, models.IssueFilter{Order: "SIDEWAYS"})
			mustCode(t, err, models.EINVALID, "orderBy")
		})
	})
}

func TestFindIssuesFilters(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		now := time.Now().UTC().Truncate(time.Second)
		storetest.MustLoadDemo(t, db, now)
		all := rawIssues(t, db)
		trc := storetest.As(demoUser(t, db, "trc.bayu@demo.tanggap.id"))

		agencies := map[int64]string{}
		for _, a := range demodata.Agencies() {
			agencies[agencyID(t, db, a.Slug)] = a.Slug
		}
		var categories []*models.Category
		if err := db.Bun().NewSelect().Model(&categories).Scan(context.Background()); err != nil {
			t.Fatal(err)
		}
		categorySlugs := map[int64]string{}
		for _, c := range categories {
			categorySlugs[c.ID] = c.Slug
		}
		day := 24 * time.Hour
		at := func(daysAgo int) *time.Time { t := now.Add(-time.Duration(daysAgo) * day); return &t }

		type filterCase struct {
			name   string
			filter models.IssueFilter
			match  func(*models.Issue) bool
			// demoCount is the number of matching issues in package demodata,
			// for filters the data states directly; -1 when it does not.
			demoCount int
		}
		var cases []filterCase
		countDemo := func(pred func(d *demodata.Issue) bool) int {
			n := 0
			for k := range demodata.Issues() {
				if pred(&demodata.Issues()[k]) {
					n++
				}
			}
			return n
		}
		for _, s := range models.IssueStatuses {
			cases = append(cases, filterCase{
				name: "status " + string(s), filter: models.IssueFilter{Statuses: []models.IssueStatus{s}},
				match:     func(i *models.Issue) bool { return i.Status == s },
				demoCount: countDemo(func(d *demodata.Issue) bool { return d.Status == string(s) }),
			})
		}
		cases = append(cases, filterCase{
			name: "status ANSWERED or CLOSED", filter: models.IssueFilter{Statuses: []models.IssueStatus{models.StatusAnswered, models.StatusClosed}},
			match: func(i *models.Issue) bool {
				return i.Status == models.StatusAnswered || i.Status == models.StatusClosed
			},
			demoCount: countDemo(func(d *demodata.Issue) bool { return d.Status == "ANSWERED" || d.Status == "CLOSED" }),
		})
		for _, k := range models.IssueKinds {
			cases = append(cases, filterCase{
				name: "kind " + string(k), filter: models.IssueFilter{Kinds: []models.IssueKind{k}},
				match:     func(i *models.Issue) bool { return i.Kind == k },
				demoCount: countDemo(func(d *demodata.Issue) bool { return d.Kind == string(k) }),
			})
		}
		for _, v := range models.Verdicts {
			cases = append(cases, filterCase{
				name: "verdict " + string(v), filter: models.IssueFilter{Verdicts: []models.Verdict{v}},
				match: func(i *models.Issue) bool { return i.Verdict != nil && *i.Verdict == v },
				demoCount: countDemo(func(d *demodata.Issue) bool {
					if d.Response == nil || d.AnswerAfter == 0 {
						return false
					}
					current := d.Response.Verdict
					if n := len(d.Response.Revisions); n > 0 {
						current = d.Response.Revisions[n-1].Verdict
					}
					return current == string(v)
				}),
			})
		}
		for _, p := range models.Priorities {
			cases = append(cases, filterCase{
				name: "priority " + string(p), filter: models.IssueFilter{Priorities: []models.Priority{p}},
				match:     func(i *models.Issue) bool { return i.Priority != nil && *i.Priority == p },
				demoCount: countDemo(func(d *demodata.Issue) bool { return d.Priority == string(p) }),
			})
		}
		for _, a := range demodata.Agencies() {
			cases = append(cases, filterCase{
				name: "agency " + a.Slug, filter: models.IssueFilter{AgencySlug: a.Slug},
				match:     func(i *models.Issue) bool { return i.AgencyID != nil && agencies[*i.AgencyID] == a.Slug },
				demoCount: countDemo(func(d *demodata.Issue) bool { return d.AgencySlug == a.Slug }),
			})
		}
		for _, c := range demodata.Categories() {
			cases = append(cases, filterCase{
				name: "category " + c.Slug, filter: models.IssueFilter{CategorySlug: c.Slug},
				match:     func(i *models.Issue) bool { return i.CategoryID != nil && categorySlugs[*i.CategoryID] == c.Slug },
				demoCount: countDemo(func(d *demodata.Issue) bool { return d.CategorySlug == c.Slug }),
			})
		}
		cases = append(cases,
			filterCase{
				name: "unknown agency", filter: models.IssueFilter{AgencySlug: "tidak-ada"},
				match: func(*models.Issue) bool { return false }, demoCount: 0,
			},
			filterCase{
				name: "unknown category", filter: models.IssueFilter{CategorySlug: "tidak-ada"},
				match: func(*models.Issue) bool { return false }, demoCount: 0,
			},
		)
		windows := []struct{ from, to *time.Time }{
			{at(60), at(10)}, {at(30), nil}, {nil, at(100)}, {at(1000), at(0)}, {at(45), at(44)},
		}
		for _, w := range windows {
			cases = append(cases, filterCase{
				name:   fmt.Sprintf("created in [%s, %s)", daysAgo(now, w.from), daysAgo(now, w.to)),
				filter: models.IssueFilter{From: w.from, To: w.to},
				match: func(i *models.Issue) bool {
					return (w.from == nil || !i.CreatedAt.Before(*w.from)) && (w.to == nil || i.CreatedAt.Before(*w.to))
				},
				demoCount: -1,
			})
		}
		cases = append(cases, filterCase{
			name: "hoaxes of the last 90 days",
			filter: models.IssueFilter{Kinds: []models.IssueKind{models.KindMisinformation},
				Verdicts: []models.Verdict{models.VerdictFalse, models.VerdictMisleading}, From: at(90)},
			match: func(i *models.Issue) bool {
				return i.Kind == models.KindMisinformation && i.Verdict != nil &&
					(*i.Verdict == models.VerdictFalse || *i.Verdict == models.VerdictMisleading) && !i.CreatedAt.Before(*at(90))
			},
			demoCount: -1,
		})

		nonEmpty := 0
		for _, c := range cases {
			want := keep(all, c.match)
			if c.demoCount >= 0 && len(want) != c.demoCount {
				t.Fatalf("%s: %d issues in the database, %d in the demo data", c.name, len(want), c.demoCount)
			}
			if len(want) > 0 {
				nonEmpty++
			}
			for _, caller := range []struct {
				name string
				ctx  context.Context
				rule func(*models.Issue) bool
			}{{"TRC", trc, func(*models.Issue) bool { return true }}, {"anonymous", anonymous, publicRule}} {
				f := c.filter
				f.First = 100
				got := walkIssues(t, caller.ctx, db, f)
				for _, i := range got {
					if !c.match(i) {
						t.Fatalf("%s, %s: issue %s does not match the filter", c.name, caller.name, i.Number)
					}
				}
				expected := inOrder(keep(want, caller.rule), models.OrderNewest)
				sameNumbers(t, c.name+", "+caller.name, numbers(got), numbers(expected))
			}
		}
		if nonEmpty < len(cases)/2 {
			t.Fatalf("only %d of %d filters match any demo issue", nonEmpty, len(cases))
		}

		t.Run("ErrInvalid", func(t *testing.T) {
			_, err := db.FindIssues(anonymous, models.IssueFilter{Statuses: []models.IssueStatus{"LOST"}})
			mustCode(t, err, models.EINVALID, "filter.status")
			_, err = db.FindIssues(anonymous, models.IssueFilter{Kinds: []models.IssueKind{"GOSSIP"}})
			mustCode(t, err, models.EINVALID, "filter.kind")
			_, err = db.FindIssues(anonymous, models.IssueFilter{From: at(10), To: at(20)})
			mustCode(t, err, models.EINVALID, "filter.to")
			_, err = db.FindIssues(anonymous, models.IssueFilter{From: at(10), To: at(10)})
			mustCode(t, err, models.EINVALID, "filter.to")
		})

		t.Run("ErrForbidden", func(t *testing.T) {
			internal := true
			_, err := db.FindIssues(anonymous, models.IssueFilter{Internal: &internal})
			mustCode(t, err, models.EFORBIDDEN, "")
			_, err = db.FindIssues(trc, models.IssueFilter{MineOnly: true})
			mustCode(t, err, models.EFORBIDDEN, "")
		})

		t.Run("StaffFilters", func(t *testing.T) {
			internal := true
			got := walkIssues(t, trc, db, models.IssueFilter{Internal: &internal, First: 100})
			sameNumbers(t, "internal", sortedNumbers(got), sortedNumbers(keep(all, func(i *models.Issue) bool { return i.Internal })))
			pic := demoUser(t, db, "pic.inspektorat@demo.tanggap.id")
			got = walkIssues(t, storetest.As(pic), db, models.IssueFilter{MineOnly: true, First: 100})
			want := keep(all, func(i *models.Issue) bool {
				return i.AgencyID != nil && *i.AgencyID == *pic.AgencyID && i.Status != models.StatusNew && i.Status != models.StatusRejected
			})
			if len(want) == 0 {
				t.Fatal("the inspectorate has no issues in the demo data")
			}
			sameNumbers(t, "PIC queue", sortedNumbers(got), sortedNumbers(want))
		})
	})
}

// daysAgo names an optional bound of a time window for messages.
func daysAgo(now time.Time, t *time.Time) string {
	if t == nil {
		return "open"
	}
	return fmt.Sprintf("%.0f days ago", now.Sub(*t).Hours()/24)
}

// TestIssueTotals checks that the total is counted only when asked for, and
// that a cached total never outlives a write: a new public issue shows up in
// the next total at once.
func TestIssueTotals(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now().Add(-time.Hour).UTC().Truncate(time.Second))
		trc := storetest.As(demoUser(t, db, "trc.sari@demo.tanggap.id"))
		anonymous := context.Background()

		page, err := db.FindIssues(anonymous, models.IssueFilter{})
		if err != nil || page.TotalCount != 0 || len(page.Issues) == 0 {
			t.Fatalf("without CountTotal: total %d, %d issues, %v", page.TotalCount, len(page.Issues), err)
		}
		total := func(f models.IssueFilter) int {
			t.Helper()
			f.CountTotal = true
			page, err := db.FindIssues(anonymous, f)
			if err != nil {
				t.Fatal(err)
			}
			return page.TotalCount
		}
		before, beforeDinkes := total(models.IssueFilter{}), total(models.IssueFilter{AgencySlug: "dinkes"})
		if before == 0 || beforeDinkes == 0 || beforeDinkes >= before {
			t.Fatalf("totals: all %d, dinkes %d", before, beforeDinkes)
		}
		if again := total(models.IssueFilter{}); again != before {
			t.Fatalf("repeated total: %d, then %d", before, again)
		}
		issue, err := db.CreateIssue(trc, newIssue("Isu baru untuk menghitung ulang total"))
		if err != nil {
			t.Fatal(err)
		}
		if got := total(models.IssueFilter{}); got != before {
			t.Errorf("a NEW issue is not public, but the total went from %d to %d", before, got)
		}
		if _, err := db.AssignIssue(trc, models.Assignment{IssueNumber: issue.Number, AgencySlug: "dinkes", Priority: models.PriorityNormal}); err != nil {
			t.Fatal(err)
		}
		if got := total(models.IssueFilter{}); got != before+1 {
			t.Errorf("after assignment the public total is %d, want %d", got, before+1)
		}
		if got := total(models.IssueFilter{AgencySlug: "dinkes"}); got != beforeDinkes+1 {
			t.Errorf("after assignment the agency's total is %d, want %d", got, beforeDinkes+1)
		}
		// Staff see the NEW issues the public does not; their totals are
		// kept apart.
		staff, err := db.FindIssues(trc, models.IssueFilter{CountTotal: true})
		if err != nil || staff.TotalCount <= before+1 {
			t.Errorf("staff total %d is not above the public one %d (%v)", staff.TotalCount, before+1, err)
		}
	})
}

// TestDeadlineIsUnavailable checks that a read cut short by the request's
// deadline is reported as UNAVAILABLE (retry later), not as INTERNAL.
func TestDeadlineIsUnavailable(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
		defer cancel()
		_, err := db.FindIssues(ctx, models.IssueFilter{})
		if code := models.ErrorCode(err); code != models.EUNAVAILABLE {
			t.Errorf("FindIssues past the deadline: %v (code %s), want UNAVAILABLE", err, code)
		}
	})
}

// TestFaultBusyIsUnavailable holds SQLite's write lock from another
// connection past the busy timeout: the staff write that waited is refused
// as UNAVAILABLE (retry), never as INTERNAL, and nothing is half-written.
func TestFaultBusyIsUnavailable(t *testing.T) {
	db := storetest.MustOpen(t, store.SQLite)
	var path string
	if err := db.Bun().NewRaw("SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(context.Background(), &path); err != nil {
		t.Fatal(err)
	}
	trc := storetest.As(storetest.MustUser(t, db, "trc@example.go.id", models.RoleTRC, ""))
	other, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(100)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(trc, 30*time.Second)
	defer cancel()
	_, err = db.CreateIssue(ctx, newIssue("Isu yang menunggu kunci tulis"))
	conn.ExecContext(context.Background(), "ROLLBACK")
	if code := models.ErrorCode(err); code != models.EUNAVAILABLE {
		t.Fatalf("write while another process holds the lock: %v (code %s), want UNAVAILABLE", err, code)
	}
	page, err := db.FindIssues(storetest.As(&models.User{Role: models.RoleAuditor}), models.IssueFilter{CountTotal: true})
	if err != nil || page.TotalCount != 0 {
		t.Errorf("after the refused write: %d issues (%v)", page.TotalCount, err)
	}
}
