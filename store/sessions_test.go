package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

func TestSessions(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		u := storetest.MustUser(t, db, "sesi@kotabaru.test", models.RoleTRC, "")
		other := storetest.MustUser(t, db, "lain@kotabaru.test", models.RoleTRC, "")
		ctx := models.NewContextWithClientAddr(context.Background(), "198.51.100.20")
		login := models.Login{Email: u.Email, Password: storetest.Password, Device: "Firefox di Linux", SessionTTL: time.Hour}
		user, session, err := db.Authenticate(ctx, login)
		if err != nil {
			t.Fatal(err)
		}
		if user.ID != u.ID || session.UserID != u.ID || session.Device != "Firefox di Linux" ||
			session.ExpiresAt.Sub(session.CreatedAt) != time.Hour || len(session.AddressHash) != 64 {
			t.Fatalf("session %+v of user %d", session, user.ID)
		}

		t.Run("OK", func(t *testing.T) {
			got, s, err := db.SessionUser(context.Background(), u.ID, session.ID)
			if err != nil || got.ID != u.ID || s.ID != session.ID || s.RevokedAt != nil {
				t.Fatalf("SessionUser = %+v, %+v, %v", got, s, err)
			}
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			for _, c := range []struct {
				user int64
				id   string
			}{{other.ID, session.ID}, {u.ID, "tidak-ada-sesi-seperti-ini"}, {987654, session.ID}} {
				if _, _, err := db.SessionUser(context.Background(), c.user, c.id); models.ErrorCode(err) != models.ENOTFOUND {
					t.Errorf("SessionUser(%d, %q) = %v; want ENOTFOUND", c.user, c.id, err)
				}
			}
		})
		t.Run("DeactivationEndsSessions", func(t *testing.T) {
			if _, err := db.DeactivateUser(storetest.SystemContext(), u.Email); err != nil {
				t.Fatal(err)
			}
			_, s, err := db.SessionUser(context.Background(), u.ID, session.ID)
			if err != nil || s.RevokedAt == nil {
				t.Fatalf("session after deactivation: %+v, %v", s, err)
			}
		})
		t.Run("ErrInternalWhenClosed", func(t *testing.T) {
			db.Close()
			_, _, err := db.SessionUser(context.Background(), u.ID, session.ID)
			if code := models.ErrorCode(err); code == models.ENOTFOUND || code == "" {
				t.Fatalf("SessionUser on a closed database = %v; want an error other than ENOTFOUND", err)
			}
		})
	})
}
