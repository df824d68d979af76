package store_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/search"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// indexJobsOf returns the issue ids of every search index job, one entry
// per job and issue.
func indexJobsOf(t *testing.T, db *store.DB) []int64 {
	t.Helper()
	list, err := db.Jobs().List(t.Context(), search.IndexKind, 10_000)
	if err != nil {
		t.Fatal(err)
	}
	var out []int64
	for _, j := range list {
		var a search.IndexArgs
		if err := json.Unmarshal(j.Args, &a); err != nil {
			t.Fatal(err)
		}
		out = append(out, a.IssueIDs...)
	}
	return out
}

// indexedIssues counts the issues of ids that an index job asks to index.
func indexedIssues(t *testing.T, db *store.DB, ids []int64) int {
	t.Helper()
	n := 0
	for _, id := range indexJobsOf(t, db) {
		if slices.Contains(ids, id) {
			n++
		}
	}
	return n
}

// outboxCount counts the index jobs ever enqueued for an issue. It then
// marks the waiting ones done, as the indexer would, so that the next
// change of the issue enqueues a job of its own instead of coalescing with
// a waiting one.
func outboxCount(t *testing.T, db *store.DB, issueID int64) int {
	t.Helper()
	n := 0
	for _, id := range indexJobsOf(t, db) {
		if id == issueID {
			n++
		}
	}
	if _, err := db.Bun().ExecContext(t.Context(),
		"UPDATE river_job SET state = 'completed', finalized_at = ? WHERE kind = ? AND state = 'available'",
		db.Now().UTC(), search.IndexKind); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestFacetNamesFollowRenames: search names its facets from a cache of the
// agencies and categories; a rename through the store shows at once.
func TestFacetNamesFollowRenames(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		admin := storetest.As(storetest.MustUser(t, db, "admin@example.go.id", models.RoleAdmin, ""))
		slug, name := "dinas-uji", "Dinas Uji Coba"
		if _, err := db.CreateAgency(admin, models.AgencyInput{Slug: &slug, Name: &name, ShortName: &name}); err != nil {
			t.Fatal(err)
		}
		agencies, _, err := db.FacetNames(t.Context(), []string{slug, "tidak-ada"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(agencies) != 1 || agencies[slug] != name {
			t.Fatalf("facet names %v, want only %s = %s", agencies, slug, name)
		}
		renamed := "Dinas Uji Coba Baru"
		if _, err := db.UpdateAgency(admin, slug, models.AgencyInput{Name: &renamed}); err != nil {
			t.Fatal(err)
		}
		agencies, _, err = db.FacetNames(t.Context(), []string{slug}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if agencies[slug] != renamed {
			t.Fatalf("after the rename the facet is named %q, want %q", agencies[slug], renamed)
		}
	})
}

// TestLockIndexWrites: on PostgreSQL one holder at a time across
// connections (and so across processes); a second waits until release.
func TestLockIndexWrites(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		release, err := db.LockIndexWrites(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if db.Dialect() == store.Postgres {
			ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
			_, err := db.LockIndexWrites(ctx)
			cancel()
			if err == nil {
				t.Fatal("a second holder got the lock while the first held it")
			}
		}
		release()
		again, err := db.LockIndexWrites(t.Context())
		if err != nil {
			t.Fatalf("after release: %v", err)
		}
		again()
	})
}
