package store_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/demodata"
	"github.com/kotabaru/tanggap/store/storetest"
)

// anonymous is the context of a caller without an account.
var anonymous = context.Background()

// mustCode fails the test unless err carries the given code (and, when field
// is not empty, names that input field).
func mustCode(t *testing.T, err error, code, field string) {
	t.Helper()
	if got := models.ErrorCode(err); got != code {
		t.Fatalf("want error code %s, got %q (%v)", code, got, err)
	}
	if field != "" {
		if got := models.ErrorField(err); got != field {
			t.Fatalf("want error on field %q, got %q (%v)", field, got, err)
		}
	}
}

// demoUser reads a demo staff account straight from the database.
func demoUser(t *testing.T, db *store.DB, email string) *models.User {
	t.Helper()
	user := new(models.User)
	if err := db.Bun().NewSelect().Model(user).Where("email = ?", email).Scan(context.Background()); err != nil {
		t.Fatalf("load demo user %s: %v", email, err)
	}
	return user
}

// agencyID reads an agency's id straight from the database.
func agencyID(t *testing.T, db *store.DB, slug string) int64 {
	t.Helper()
	agency := new(models.Agency)
	if err := db.Bun().NewSelect().Model(agency).Where("slug = ?", slug).Scan(context.Background()); err != nil {
		t.Fatalf("load agency %s: %v", slug, err)
	}
	return agency.ID
}

// rawIssues reads every issue straight from the database, by id.
func rawIssues(t *testing.T, db *store.DB) []*models.Issue {
	t.Helper()
	var issues []*models.Issue
	if err := db.Bun().NewSelect().Model(&issues).OrderExpr("id ASC").Scan(context.Background()); err != nil {
		t.Fatalf("read issues: %v", err)
	}
	return issues
}

// publicRule is the visibility rule of docs/architecture.md, written out independently of
// the store: NEW and REJECTED are never public, internal issues neither.
func publicRule(i *models.Issue) bool {
	return i.Status != models.StatusNew && i.Status != models.StatusRejected && !i.Internal
}

// picRule adds to the public issues those of the PIC's own agency that left NEW.
func picRule(agency int64) func(*models.Issue) bool {
	return func(i *models.Issue) bool {
		if publicRule(i) {
			return true
		}
		return i.AgencyID != nil && *i.AgencyID == agency &&
			i.Status != models.StatusNew && i.Status != models.StatusRejected
	}
}

func keep(issues []*models.Issue, rule func(*models.Issue) bool) []*models.Issue {
	var out []*models.Issue
	for _, i := range issues {
		if rule(i) {
			out = append(out, i)
		}
	}
	return out
}

func numbers(issues []*models.Issue) []string {
	out := make([]string, len(issues))
	for k, i := range issues {
		out[k] = i.Number
	}
	return out
}

func sortedNumbers(issues []*models.Issue) []string {
	out := numbers(issues)
	slices.Sort(out)
	return out
}

// walkIssues follows FindIssues page by page and checks that every page
// reports the same total and that only the last one says there is no next.
func walkIssues(t *testing.T, ctx context.Context, db *store.DB, f models.IssueFilter) []*models.Issue {
	t.Helper()
	var all []*models.Issue
	total := -1
	for page := 0; ; page++ {
		if page > 1000 {
			t.Fatal("pagination does not end")
		}
		f.CountTotal = true
		p, err := db.FindIssues(ctx, f)
		if err != nil {
			t.Fatalf("page %d of %+v: %v", page, f, err)
		}
		if total == -1 {
			total = p.TotalCount
		} else if p.TotalCount != total {
			t.Fatalf("page %d: total count changed from %d to %d", page, total, p.TotalCount)
		}
		if len(p.Cursors) != len(p.Issues) {
			t.Fatalf("page %d: %d issues but %d cursors", page, len(p.Issues), len(p.Cursors))
		}
		all = append(all, p.Issues...)
		if !p.HasNextPage {
			break
		}
		if len(p.Issues) == 0 {
			t.Fatalf("page %d is empty but claims a next page", page)
		}
		f.After = p.Cursors[len(p.Cursors)-1]
	}
	if total != len(all) {
		t.Fatalf("total count %d, but walking the pages gave %d issues", total, len(all))
	}
	return all
}

func sameNumbers(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Fatalf("%s:\n got  %d %v\n want %d %v", what, len(got), got, len(want), want)
	}
}

// demoPublicCount counts the public issues of package demodata, from the
// data alone.
func demoPublicCount() int {
	n := 0
	for _, d := range demodata.Issues() {
		if d.Status != "NEW" && d.Status != "REJECTED" && !d.Internal {
			n++
		}
	}
	return n
}

func TestIssueVisibility(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		all := rawIssues(t, db)
		if len(all) != len(demodata.Issues()) {
			t.Fatalf("demo loaded %d issues, the data has %d", len(all), len(demodata.Issues()))
		}
		hidden := keep(all, func(i *models.Issue) bool { return !publicRule(i) })
		var sawNew, sawRejected, sawInternal bool
		for _, i := range hidden {
			sawNew = sawNew || i.Status == models.StatusNew
			sawRejected = sawRejected || i.Status == models.StatusRejected
			sawInternal = sawInternal || i.Internal
		}
		if !sawNew || !sawRejected || !sawInternal {
			t.Fatalf("demo data lacks a hidden kind of issue (new %v, rejected %v, internal %v)", sawNew, sawRejected, sawInternal)
		}

		t.Run("Anonymous", func(t *testing.T) {
			want := keep(all, publicRule)
			if len(want) != demoPublicCount() {
				t.Fatalf("%d public issues in the database, %d in the demo data", len(want), demoPublicCount())
			}
			got := walkIssues(t, anonymous, db, models.IssueFilter{First: 7})
			sameNumbers(t, "anonymous list", sortedNumbers(got), sortedNumbers(want))
			for _, i := range hidden {
				_, err := db.IssueByNumber(anonymous, i.Number)
				mustCode(t, err, models.ENOTFOUND, "")
			}
			for _, i := range want {
				if _, err := db.IssueByNumber(anonymous, i.Number); err != nil {
					t.Fatalf("public issue %s: %v", i.Number, err)
				}
			}
			ids := make([]int64, len(all))
			for k, i := range all {
				ids[k] = i.ID
			}
			byIDs, err := db.IssuesByIDs(anonymous, ids)
			if err != nil {
				t.Fatal(err)
			}
			sameNumbers(t, "anonymous IssuesByIDs", sortedNumbers(byIDs), sortedNumbers(want))
		})

		t.Run("PIC", func(t *testing.T) {
			var internal *models.Issue
			for _, i := range all {
				if i.Internal && i.AgencyID != nil {
					internal = i
					break
				}
			}
			if internal == nil {
				t.Fatal("demo data has no internal assigned issue")
			}
			owner := new(models.Agency)
			if err := db.Bun().NewSelect().Model(owner).Where("id = ?", *internal.AgencyID).Scan(context.Background()); err != nil {
				t.Fatal(err)
			}
			var ownPIC, otherPIC *models.User
			for _, s := range demodata.StaffAccounts() {
				switch {
				case s.Role != "PIC":
				case s.AgencySlug == owner.Slug && ownPIC == nil:
					ownPIC = demoUser(t, db, s.Email)
				case s.AgencySlug != owner.Slug && otherPIC == nil:
					otherPIC = demoUser(t, db, s.Email)
				}
			}
			if ownPIC == nil || otherPIC == nil {
				t.Fatalf("demo data lacks PICs for agency %s and another one", owner.Slug)
			}

			got, err := db.IssueByNumber(storetest.As(ownPIC), internal.Number)
			if err != nil || got.Number != internal.Number {
				t.Fatalf("PIC of %s reading its internal issue %s: %v", owner.Slug, internal.Number, err)
			}
			_, err = db.IssueByNumber(storetest.As(otherPIC), internal.Number)
			mustCode(t, err, models.ENOTFOUND, "")

			for _, pic := range []*models.User{ownPIC, otherPIC} {
				want := keep(all, picRule(*pic.AgencyID))
				list := walkIssues(t, storetest.As(pic), db, models.IssueFilter{First: 7})
				sameNumbers(t, "list of PIC "+pic.Email, sortedNumbers(list), sortedNumbers(want))
				for _, i := range all {
					_, err := db.IssueByNumber(storetest.As(pic), i.Number)
					if picRule(*pic.AgencyID)(i) {
						if err != nil {
							t.Fatalf("PIC %s cannot read %s (%s): %v", pic.Email, i.Number, i.Status, err)
						}
					} else {
						mustCode(t, err, models.ENOTFOUND, "")
					}
				}
			}
		})

		t.Run("StaffReaders", func(t *testing.T) {
			for _, email := range []string{"trc.sari@demo.tanggap.id", "auditor@demo.tanggap.id"} {
				ctx := storetest.As(demoUser(t, db, email))
				list := walkIssues(t, ctx, db, models.IssueFilter{First: 7})
				sameNumbers(t, email, sortedNumbers(list), sortedNumbers(all))
				for _, i := range hidden {
					got, err := db.IssueByNumber(ctx, i.Number)
					if err != nil || got.ID != i.ID {
						t.Fatalf("%s reading %s (%s, internal %v): %v", email, i.Number, i.Status, i.Internal, err)
					}
				}
			}
		})

		t.Run("Drafts", func(t *testing.T) {
			// A draft on a public issue waiting for its agency's answer.
			var issue *models.Issue
			var owner *models.User
			for _, i := range all {
				if !publicRule(i) || (i.Status != models.StatusAssigned && i.Status != models.StatusInProgress) {
					continue
				}
				for _, s := range demodata.StaffAccounts() {
					if s.Role == "PIC" && s.AgencySlug != "" && agencyID(t, db, s.AgencySlug) == *i.AgencyID {
						issue, owner = i, demoUser(t, db, s.Email)
					}
				}
				if issue != nil {
					break
				}
			}
			if issue == nil {
				t.Fatal("demo data has no public open issue of an agency with a PIC")
			}
			draft, err := db.SaveDraft(storetest.As(owner), models.ResponseDraftInput{
				IssueNumber: issue.Number, Body: "Draf jawaban yang belum boleh dibaca publik sama sekali.",
			})
			if err != nil {
				t.Fatal(err)
			}
			other := demoUser(t, db, "pic.dinkes@demo.tanggap.id")
			if *other.AgencyID == *issue.AgencyID {
				other = demoUser(t, db, "pic.disdik@demo.tanggap.id")
			}
			ids := make([]int64, len(all))
			for k, i := range all {
				ids[k] = i.ID
			}
			var published int
			if err := db.Bun().NewRaw("SELECT count(*) FROM responses WHERE status = ?", models.ResponsePublished).
				Scan(context.Background(), &published); err != nil {
				t.Fatal(err)
			}
			if published == 0 {
				t.Fatal("demo data has no published responses")
			}
			cases := []struct {
				name      string
				ctx       context.Context
				seesDraft bool
			}{
				{"anonymous", anonymous, false},
				{"PIC of another agency", storetest.As(other), false},
				{"PIC of the agency", storetest.As(owner), true},
				{"TRC", storetest.As(demoUser(t, db, "trc.bayu@demo.tanggap.id")), true},
				{"AUDITOR", storetest.As(demoUser(t, db, "auditor@demo.tanggap.id")), true},
			}
			for _, c := range cases {
				responses, err := db.ResponsesByIssueIDs(c.ctx, ids)
				if err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				drafts, sawDraft := 0, false
				for _, r := range responses {
					if r.Status != models.ResponsePublished {
						drafts++
						sawDraft = sawDraft || r.ID == draft.ID
					}
				}
				if c.seesDraft != sawDraft || (!c.seesDraft && drafts > 0) {
					t.Fatalf("%s: sees the draft %v (want %v), %d drafts in all", c.name, sawDraft, c.seesDraft, drafts)
				}
				if want := published + map[bool]int{true: 1}[c.seesDraft]; len(responses) != want {
					t.Fatalf("%s: %d responses, want %d", c.name, len(responses), want)
				}
			}
		})

		t.Run("Sources", func(t *testing.T) {
			ids := make([]int64, len(all))
			for k, i := range all {
				ids[k] = i.ID
			}
			var raw []*models.IssueSource
			if err := db.Bun().NewSelect().Model(&raw).Scan(context.Background()); err != nil {
				t.Fatal(err)
			}
			handles := map[int64]string{}
			for _, s := range raw {
				if s.AccountHandle != "" {
					handles[s.ID] = s.AccountHandle
				}
			}
			if len(handles) == 0 {
				t.Fatal("demo data has no account handles")
			}
			public, err := db.SourcesByIssueIDs(anonymous, ids)
			if err != nil {
				t.Fatal(err)
			}
			if len(public) != len(raw) {
				t.Fatalf("anonymous: %d sources, the table has %d", len(public), len(raw))
			}
			for _, s := range public {
				if s.AccountHandle != "" {
					t.Fatalf("anonymous caller sees account handle %q of source %d", s.AccountHandle, s.ID)
				}
			}
			staff, err := db.SourcesByIssueIDs(storetest.As(demoUser(t, db, "trc.sari@demo.tanggap.id")), ids)
			if err != nil {
				t.Fatal(err)
			}
			seen := 0
			for _, s := range staff {
				if s.AccountHandle != handles[s.ID] {
					t.Fatalf("TRC: source %d has handle %q, want %q", s.ID, s.AccountHandle, handles[s.ID])
				}
				if s.AccountHandle != "" {
					seen++
				}
			}
			if seen != len(handles) {
				t.Fatalf("TRC sees %d account handles, want %d", seen, len(handles))
			}
		})

		t.Run("PublicTimeline", func(t *testing.T) {
			ids := make([]int64, len(all))
			for k, i := range all {
				ids[k] = i.ID
			}
			var staffOnly int
			if err := db.Bun().NewRaw("SELECT count(*) FROM issue_events WHERE type IN (?)",
				bun.In([]string{"DECLINED", "REJECTED", "MADE_INTERNAL", "MADE_PUBLIC", "QUESTION_LINKED"})).
				Scan(context.Background(), &staffOnly); err != nil {
				t.Fatal(err)
			}
			var total int
			if err := db.Bun().NewRaw("SELECT count(*) FROM issue_events").Scan(context.Background(), &total); err != nil {
				t.Fatal(err)
			}
			if staffOnly == 0 {
				t.Fatal("demo data has no staff-only events")
			}
			events, err := db.EventsByIssueIDs(anonymous, ids)
			if err != nil {
				t.Fatal(err)
			}
			if len(events) != total-staffOnly {
				t.Fatalf("anonymous timeline has %d events, want %d of %d", len(events), total-staffOnly, total)
			}
			for _, e := range events {
				if e.ActorID != nil {
					t.Fatalf("anonymous timeline names actor %d on a %s event", *e.ActorID, e.Type)
				}
			}
		})
	})
}

var issueNumberPattern = regexp.MustCompile(`^KTB-(\d{4})-(\d{6})$`)

// parseNumber splits a public issue number into its year and sequence.
func parseNumber(t *testing.T, number string) (year, seq int) {
	t.Helper()
	m := issueNumberPattern.FindStringSubmatch(number)
	if m == nil {
		t.Fatalf("issue number %q is not KTB-YYYY-NNNNNN", number)
	}
	year, _ = strconv.Atoi(m[1])
	seq, _ = strconv.Atoi(m[2])
	return year, seq
}

func newIssue(title string) models.NewIssue {
	return models.NewIssue{
		Title: title, Summary: "Ringkasan isu yang beredar di media sosial untuk pengujian.", Kind: models.KindMisinformation,
		Sources: []models.IssueSourceInput{{Platform: models.PlatformFacebook, URL: "https://facebook.com/kabar/1", ClaimText: "Klaim", AccountHandle: "@akun"}},
	}
}

func TestIssueNumbers(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		trc := storetest.As(storetest.MustUser(t, db, "trc@tanggap.test", models.RoleTRC, ""))
		wita := db.Location()
		create := func(title string) *models.Issue {
			t.Helper()
			issue, err := db.CreateIssue(trc, newIssue(title))
			if err != nil {
				t.Fatalf("create %q: %v", title, err)
			}
			return issue
		}

		t.Run("OK", func(t *testing.T) {
			year := time.Now().In(wita).Year()
			var created []string
			for k := 1; k <= 5; k++ {
				issue := create(fmt.Sprintf("Isu nomor %d", k))
				if want := fmt.Sprintf("KTB-%04d-%06d", year, k); issue.Number != want {
					t.Fatalf("issue %d numbered %s, want %s", k, issue.Number, want)
				}
				stored, err := db.IssueByNumber(trc, issue.Number)
				if err != nil || stored.ID != issue.ID {
					t.Fatalf("issue %s not found by its number: %v", issue.Number, err)
				}
				created = append(created, issue.Number)
			}
			// A failed creation must not disturb the sequence.
			bad := newIssue("Isu dengan kategori salah")
			bad.CategorySlug = "tidak-ada"
			_, err := db.CreateIssue(trc, bad)
			mustCode(t, err, models.EINVALID, "")
			next := create("Isu setelah kegagalan")
			if _, seq := parseNumber(t, next.Number); seq != 6 {
				t.Fatalf("after a failed creation the next number is %s, want sequence 6", next.Number)
			}
		})

		t.Run("YearFollowsDeploymentTimeZone", func(t *testing.T) {
			defer func() { db.Now = time.Now }()
			// 17:00 UTC on 31 December is already 01:00 on 1 January in WITA.
			db.Now = func() time.Time { return time.Date(2030, 12, 31, 17, 0, 0, 0, time.UTC) }
			if got := create("Isu malam tahun baru").Number; got != "KTB-2031-000001" {
				t.Fatalf("issue logged at 01:00 WITA on 1 January 2031 numbered %s", got)
			}
			db.Now = func() time.Time { return time.Date(2030, 12, 31, 15, 0, 0, 0, time.UTC) }
			if got := create("Isu sore akhir tahun").Number; got != "KTB-2030-000001" {
				t.Fatalf("issue logged at 23:00 WITA on 31 December 2030 numbered %s", got)
			}
			db.Now = func() time.Time { return time.Date(2031, 1, 2, 1, 0, 0, 0, time.UTC) }
			if got := create("Isu awal tahun").Number; got != "KTB-2031-000002" {
				t.Fatalf("second issue of 2031 numbered %s", got)
			}
		})

		t.Run("UniqueAndNeverReused", func(t *testing.T) {
			all := rawIssues(t, db)
			seen := map[string]bool{}
			lastSeq := map[int]int{}
			for _, i := range all { // ids follow creation order
				if seen[i.Number] {
					t.Fatalf("number %s used twice", i.Number)
				}
				seen[i.Number] = true
				year, seq := parseNumber(t, i.Number)
				if seq != lastSeq[year]+1 {
					t.Fatalf("issue %d numbered %s after sequence %d of %d", i.ID, i.Number, lastSeq[year], year)
				}
				lastSeq[year] = seq
			}
			// Issues leave the lifecycle (rejected) but keep their number;
			// the next issue gets a fresh one.
			rejected := all[0]
			if _, err := db.RejectIssue(trc, rejected.Number, "Bukan isu publik, hanya percakapan pribadi."); err != nil {
				t.Fatal(err)
			}
			next := create("Isu sesudah penolakan")
			year, seq := parseNumber(t, next.Number)
			if seen[next.Number] || seq != lastSeq[year]+1 {
				t.Fatalf("new issue numbered %s; numbers in use up to %d of %d", next.Number, lastSeq[year], year)
			}
			_, err := db.IssueByNumber(trc, rejected.Number)
			if err != nil {
				t.Fatalf("rejected issue %s lost its number: %v", rejected.Number, err)
			}
		})
	})
}

func TestIssueNumbersAfterDemo(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		trc := storetest.As(demoUser(t, db, "trc.sari@demo.tanggap.id"))
		maxSeq := map[int]int{}
		for _, i := range rawIssues(t, db) {
			year, seq := parseNumber(t, i.Number)
			maxSeq[year] = max(maxSeq[year], seq)
		}
		issue, err := db.CreateIssue(trc, newIssue("Isu baru setelah data demo"))
		if err != nil {
			t.Fatal(err)
		}
		year, seq := parseNumber(t, issue.Number)
		if year != time.Now().In(db.Location()).Year() || seq != maxSeq[year]+1 {
			t.Fatalf("new issue numbered %s; the demo data used up to %d of %d", issue.Number, maxSeq[year], year)
		}
	})
}
