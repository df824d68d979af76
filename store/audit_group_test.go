package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// commitCounter counts the commits the store sends.
type commitCounter struct{ n atomic.Int64 }

func (c *commitCounter) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	return ctx
}
func (c *commitCounter) AfterQuery(_ context.Context, e *bun.QueryEvent) {
	if strings.EqualFold(strings.TrimSpace(e.Query), "COMMIT") {
		c.n.Add(1)
	}
}

// gateFirstEntry registers an audit hook that holds the first entry's
// transaction (with the chain's lock) until release is closed, so that the
// writers started meanwhile queue up behind it. held is closed once the
// first entry is being held.
func gateFirstEntry(db *store.DB) (held, release chan struct{}) {
	held, release = make(chan struct{}), make(chan struct{})
	var once sync.Once
	db.OnAudit(func(context.Context, bun.Tx, *models.AuditEntry) error {
		once.Do(func() {
			close(held)
			<-release
		})
		return nil
	})
	return held, release
}

// retitle changes the title of each of numbers concurrently, behind a held
// first entry, and returns each call's error.
func retitle(t *testing.T, db *store.DB, ctx context.Context, held, release chan struct{}, numbers []string) []error {
	return retitleSpaced(t, db, ctx, held, release, numbers, 0)
}

// retitleSpaced is retitle starting the changes spacing apart, so that
// they queue in the order of numbers.
func retitleSpaced(t *testing.T, db *store.DB, ctx context.Context, held, release chan struct{}, numbers []string, spacing time.Duration) []error {
	t.Helper()
	gate := make(chan error, 1)
	go func() {
		_, err := db.CreateIssue(ctx, newIssue("Isu pembuka antrean"))
		gate <- err
	}()
	<-held
	errs := make([]error, len(numbers))
	var wg sync.WaitGroup
	for i, n := range numbers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			title := "Judul baru " + n
			_, errs[i] = db.UpdateIssue(ctx, n, models.IssueUpdate{Title: &title})
		}()
		time.Sleep(spacing)
	}
	time.Sleep(300 * time.Millisecond) // let them queue behind the held entry
	close(release)
	wg.Wait()
	if err := <-gate; err != nil {
		t.Fatal(err)
	}
	return errs
}

func groupIssues(t *testing.T, db *store.DB, ctx context.Context, n int) []string {
	t.Helper()
	var numbers []string
	for i := 0; i < n; i++ {
		issue, err := db.CreateIssue(ctx, newIssue(fmt.Sprintf("Isu kelompok %d", i)))
		if err != nil {
			t.Fatal(err)
		}
		numbers = append(numbers, issue.Number)
	}
	return numbers
}

// Concurrent audited changes share transactions: fewer commits than
// changes, and the chain still verifies with one entry per change.
func TestGroupCommitSharesCommits(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		trc := storetest.As(storetest.MustUser(t, db, "trc@tanggap.test", models.RoleTRC, ""))
		numbers := groupIssues(t, db, trc, 12)
		_, before, err := db.AuditHead(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		held, release := gateFirstEntry(db)
		commits := &commitCounter{}
		db.AddQueryHook(commits)
		for i, err := range retitle(t, db, trc, held, release, numbers) {
			if err != nil {
				t.Fatalf("%s: %v", numbers[i], err)
			}
		}
		if n := commits.n.Load(); n > int64(len(numbers))/2 {
			t.Errorf("%d commits for %d concurrent changes: they were not grouped", n, len(numbers)+1)
		}
		mustIntact(t, db, before+len(numbers)+1)
		for _, issue := range rawIssues(t, db) {
			if strings.HasPrefix(issue.Title, "Isu kelompok") {
				t.Errorf("%s kept its old title %q", issue.Number, issue.Title)
			}
		}
	})
}

// A change that fails inside a group leaves nothing and gets its own
// error; a failure of the group as a whole (here a hook failing once) makes
// every change run again on its own, each exactly once; a change whose hook
// always fails is refused alone, while the others of its group go through.
func TestGroupCommitFailures(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		trc := storetest.As(storetest.MustUser(t, db, "trc@tanggap.test", models.RoleTRC, ""))
		numbers := groupIssues(t, db, trc, 10)
		_, before, err := db.AuditHead(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		onceBad, alwaysBad := "issue:"+numbers[3], "issue:"+numbers[7]
		var failedOnce atomic.Bool
		db.OnAudit(func(_ context.Context, _ bun.Tx, e *models.AuditEntry) error {
			switch {
			case e.Subject == onceBad && failedOnce.CompareAndSwap(false, true):
				return errors.New("hook failed once")
			case e.Subject == alwaysBad:
				return errors.New("hook always fails")
			}
			return nil
		})

		// First round: a change of a missing issue fails inside the group,
		// and a hook fails once.
		held, release := gateFirstEntry(db)
		round := append(slices.Clone(numbers[:5]), "KTB-1999-999999")
		for i, err := range retitle(t, db, trc, held, release, round) {
			switch {
			case i == len(round)-1:
				if models.ErrorCode(err) != models.ENOTFOUND {
					t.Errorf("missing issue: want ENOTFOUND, got %v", err)
				}
			case err != nil:
				t.Errorf("%s: %v", round[i], err)
			}
		}
		if !failedOnce.Load() {
			t.Fatal("the failing hook never ran")
		}
		// Second round: one change's hook always fails.
		held, release = gateFirstEntry(db)
		for i, err := range retitle(t, db, trc, held, release, numbers[5:]) {
			switch {
			case i == 2:
				if models.ErrorCode(err) != models.EINTERNAL {
					t.Errorf("%s: want an internal error from its hook, got %v", numbers[7], err)
				}
			case err != nil:
				t.Errorf("%s: %v", numbers[5+i], err)
			}
		}

		// The gates' issues, and one entry per successful change: none for
		// the refused ones, none twice for those that ran again.
		mustIntact(t, db, before+2+len(numbers)-1)
		perSubject := map[string]int{}
		for _, e := range auditRows(t, db)[before:] {
			perSubject[e.Subject]++
		}
		for i, n := range numbers {
			want := 1
			if i == 7 {
				want = 0
			}
			if perSubject["issue:"+n] != want {
				t.Errorf("%s has %d audit entries after the change, want %d", n, perSubject["issue:"+n], want)
			}
		}
		for _, issue := range rawIssues(t, db) {
			changed := strings.HasPrefix(issue.Title, "Judul baru")
			if want := issue.Number != numbers[7] && issue.Title != "Isu pembuka antrean"; changed != want {
				t.Errorf("%s: title %q (changed %v, want changed %v)", issue.Number, issue.Title, changed, want)
			}
		}
	})
}

// A panic inside a group fails the group, not the process: its changes run
// again on their own and nobody is left waiting.
func TestGroupCommitPanic(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		trc := storetest.As(storetest.MustUser(t, db, "trc@tanggap.test", models.RoleTRC, ""))
		numbers := groupIssues(t, db, trc, 4)
		_, before, err := db.AuditHead(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		bad := "issue:" + numbers[1]
		var panicked atomic.Bool
		held, release := gateFirstEntry(db)
		db.OnAudit(func(_ context.Context, _ bun.Tx, e *models.AuditEntry) error {
			if e.Subject == bad && panicked.CompareAndSwap(false, true) {
				panic("hook panicked")
			}
			return nil
		})
		for i, err := range retitle(t, db, trc, held, release, numbers) {
			if err != nil {
				t.Errorf("%s: %v", numbers[i], err)
			}
		}
		if !panicked.Load() {
			t.Fatal("the panicking hook never ran")
		}
		mustIntact(t, db, before+1+len(numbers))
	})
}

// TestGroupCommitChangeHooks: hooks that need no entry id (OnAuditChange)
// run for a grouped change when it notes its entry, before the chain's
// lock; one failing fails that change alone.
func TestGroupCommitChangeHooks(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		trc := storetest.As(storetest.MustUser(t, db, "trc@tanggap.test", models.RoleTRC, ""))
		numbers := groupIssues(t, db, trc, 5)
		_, before, err := db.AuditHead(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		bad := "issue:" + numbers[2]
		var early, late atomic.Int64
		db.OnAuditChange(func(_ context.Context, _ bun.Tx, e *models.AuditEntry) error {
			if e.ID == 0 {
				early.Add(1)
			}
			if e.Subject == bad {
				return errors.New("change hook fails")
			}
			return nil
		})
		db.OnAudit(func(_ context.Context, _ bun.Tx, e *models.AuditEntry) error {
			if e.ID == 0 {
				return errors.New("an id hook was told of an entry without its id")
			}
			late.Add(1)
			return nil
		})
		held, release := gateFirstEntry(db)
		for i, err := range retitle(t, db, trc, held, release, numbers) {
			switch {
			case i == 2:
				if models.ErrorCode(err) != models.EINTERNAL {
					t.Errorf("%s: want an internal error from its change hook, got %v", numbers[i], err)
				}
			case err != nil:
				t.Errorf("%s: %v", numbers[i], err)
			}
		}
		if early.Load() == 0 {
			t.Error("no change hook ran before its entry had an id: grouped changes ran them under the lock")
		}
		if late.Load() == 0 {
			t.Error("the hooks that need the id never ran")
		}
		// The gate's issue and the four successful changes.
		mustIntact(t, db, before+1+len(numbers)-1)
	})
}

// The first change of a group's transaction runs without a savepoint: when
// it fails after writing, the transaction is begun again for the changes
// after it, which commit as if it had never run.
func TestGroupCommitFirstChangeFails(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		trc := storetest.As(storetest.MustUser(t, db, "trc@tanggap.test", models.RoleTRC, ""))
		all := groupIssues(t, db, trc, 6)
		bad, good := all[:2], all[2:]
		_, before, err := db.AuditHead(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		// The hook runs when a change notes its entry, after its writes.
		db.OnAuditChange(func(_ context.Context, _ bun.Tx, e *models.AuditEntry) error {
			if slices.Contains(bad, strings.TrimPrefix(e.Subject, "issue:")) {
				return errors.New("hook always fails")
			}
			return nil
		})
		// The failing changes arrive first, one after the other, then the
		// others.
		held, release := gateFirstEntry(db)
		errs := retitleSpaced(t, db, trc, held, release, all, 30*time.Millisecond)
		for i, err := range errs {
			if i < len(bad) {
				if models.ErrorCode(err) != models.EINTERNAL {
					t.Errorf("%s: want an internal error from its hook, got %v", all[i], err)
				}
			} else if err != nil {
				t.Errorf("%s: %v", all[i], err)
			}
		}
		mustIntact(t, db, before+1+len(good))
		for _, issue := range rawIssues(t, db) {
			changed := strings.HasPrefix(issue.Title, "Judul baru")
			if want := slices.Contains(good, issue.Number); changed != want {
				t.Errorf("%s: title %q (changed %v, want changed %v)", issue.Number, issue.Title, changed, want)
			}
		}
	})
}
