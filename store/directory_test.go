package store_test

import (
	"testing"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestDirectoryBetweenWrites: the agencies and categories are read once and
// kept; a write through the store shows at once, and so does a change
// announced by Changed.
func TestDirectoryBetweenWrites(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		admin := storetest.As(storetest.MustUser(t, db, "admin@example.go.id", models.RoleAdmin, ""))
		slug, name := "dinas-uji", "Dinas Uji Coba"
		created, err := db.CreateAgency(admin, models.AgencyInput{Slug: &slug, Name: &name, ShortName: &name})
		if err != nil {
			t.Fatal(err)
		}
		agencies := &queryCounter{table: "agencies"}
		db.AddQueryHook(agencies)
		for range 3 {
			got, err := db.AgenciesByIDs(ctx, []int64{created.ID, -1})
			if err != nil || len(got) != 1 || got[0].Name != name {
				t.Fatalf("AgenciesByIDs = %v, %v; want only %s", got, err, name)
			}
			if a, err := db.AgencyBySlug(ctx, slug); err != nil || a.ID != created.ID {
				t.Fatalf("AgencyBySlug = %v, %v", a, err)
			}
		}
		if _, err := db.AgencyBySlug(ctx, "tidak-ada"); models.ErrorCode(err) != models.ENOTFOUND {
			t.Fatalf("unknown slug: %v, want ENOTFOUND", err)
		}
		if n := agencies.n.Load(); n != 1 {
			t.Fatalf("%d statements on agencies for seven reads between writes, want 1", n)
		}

		renamed := "Dinas Uji Coba Baru"
		if _, err := db.UpdateAgency(admin, slug, models.AgencyInput{Name: &renamed}); err != nil {
			t.Fatal(err)
		}
		if a, err := db.AgencyBySlug(ctx, slug); err != nil || a.Name != renamed {
			t.Fatalf("after the rename AgencyBySlug = %v, %v; want %q", a, err, renamed)
		}

		// A change made outside this store's writes (another process, a
		// restore) shows once announced.
		if _, err := db.Bun().NewUpdate().Table("agencies").Set("name = ?", "Nama Lain").Where("slug = ?", slug).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		db.Changed()
		list, err := db.Agencies(ctx)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, a := range list {
			found = found || (a.Slug == slug && a.Name == "Nama Lain")
		}
		if !found {
			t.Fatalf("after Changed the list %v does not show the new name", list)
		}
	})
}
