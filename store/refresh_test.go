package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestRefreshChain exchanges refresh tokens at the store: each token works
// once, a second use ends the session, and two exchanges of one token that
// race each other cannot both win.
func TestRefreshChain(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		u := storetest.MustUser(t, db, "rantai@kotabaru.test", models.RoleTRC, "")
		signIn := func(t *testing.T) (context.Context, *models.Session) {
			t.Helper()
			user, session, err := db.Authenticate(context.Background(), models.Login{Email: u.Email, Password: storetest.Password, SessionTTL: time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			return models.NewContextWithSessionID(models.NewContextWithUser(context.Background(), user), session.ID), session
		}

		t.Run("OK", func(t *testing.T) {
			ctx, session := signIn(t)
			_, first := auth.NewRefreshToken()
			started, err := db.StartRefresh(ctx, first, 8*time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			if !started.ExpiresAt.After(session.ExpiresAt.Add(7 * time.Hour)) {
				t.Errorf("session ends %v after start; want eight hours from now", started.ExpiresAt)
			}
			_, second := auth.NewRefreshToken()
			user, s, err := db.RotateRefresh(context.Background(), first, second)
			if err != nil || user.ID != u.ID || s.ID != session.ID {
				t.Fatalf("RotateRefresh = %v, %v, %v", user, s, err)
			}
			_, third := auth.NewRefreshToken()
			if _, _, err := db.RotateRefresh(context.Background(), second, third); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("ErrConflictOnSecondStart", func(t *testing.T) {
			ctx, _ := signIn(t)
			_, a := auth.NewRefreshToken()
			_, b := auth.NewRefreshToken()
			if _, err := db.StartRefresh(ctx, a, time.Hour); err != nil {
				t.Fatal(err)
			}
			if _, err := db.StartRefresh(ctx, b, time.Hour); models.ErrorCode(err) != models.ECONFLICT {
				t.Errorf("second StartRefresh = %v; want ECONFLICT", err)
			}
		})
		t.Run("ErrUnauthenticatedOnReuse", func(t *testing.T) {
			ctx, session := signIn(t)
			_, first := auth.NewRefreshToken()
			_, second := auth.NewRefreshToken()
			_, other := auth.NewRefreshToken()
			if _, err := db.StartRefresh(ctx, first, time.Hour); err != nil {
				t.Fatal(err)
			}
			if _, _, err := db.RotateRefresh(context.Background(), first, second); err != nil {
				t.Fatal(err)
			}
			if _, _, err := db.RotateRefresh(context.Background(), first, other); models.ErrorCode(err) != models.EUNAUTHENTICATED {
				t.Fatalf("reuse = %v; want EUNAUTHENTICATED", err)
			}
			if _, s, err := db.SessionUser(context.Background(), u.ID, session.ID); err != nil || s.RevokedAt == nil {
				t.Fatalf("session after reuse: %+v, %v; want it ended", s, err)
			}
			if _, _, err := db.RotateRefresh(context.Background(), second, other); models.ErrorCode(err) != models.EUNAUTHENTICATED {
				t.Errorf("the live end of a reused chain = %v; want EUNAUTHENTICATED", err)
			}
			v, err := db.VerifyAudit(storetest.SystemContext(), true)
			if err != nil || !v.Intact {
				t.Errorf("audit chain after a reuse: %+v, %v", v, err)
			}
		})
		t.Run("RacingExchangesOfOneToken", func(t *testing.T) {
			ctx, _ := signIn(t)
			_, first := auth.NewRefreshToken()
			if _, err := db.StartRefresh(ctx, first, time.Hour); err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			errs := make([]error, 4)
			for i := range errs {
				wg.Go(func() {
					_, next := auth.NewRefreshToken()
					_, _, errs[i] = db.RotateRefresh(context.Background(), first, next)
				})
			}
			wg.Wait()
			won := 0
			for _, err := range errs {
				switch models.ErrorCode(err) {
				case "":
					won++
				case models.EUNAUTHENTICATED:
				default:
					t.Errorf("racing exchange: %v", err)
				}
			}
			if won > 1 {
				t.Errorf("%d exchanges of one token succeeded; at most one may", won)
			}
		})
		t.Run("ErrUnauthenticatedForUnknownOrEnded", func(t *testing.T) {
			_, unknown := auth.NewRefreshToken()
			_, next := auth.NewRefreshToken()
			if _, _, err := db.RotateRefresh(context.Background(), unknown, next); models.ErrorCode(err) != models.EUNAUTHENTICATED {
				t.Errorf("unknown token = %v", err)
			}
			ctx, _ := signIn(t)
			_, first := auth.NewRefreshToken()
			if _, err := db.StartRefresh(ctx, first, time.Hour); err != nil {
				t.Fatal(err)
			}
			if err := db.EndRefresh(context.Background(), first); err != nil {
				t.Fatal(err)
			}
			if _, _, err := db.RotateRefresh(context.Background(), first, next); models.ErrorCode(err) != models.EUNAUTHENTICATED {
				t.Errorf("token of an ended session = %v", err)
			}
			if err := db.EndRefresh(context.Background(), unknown); err != nil {
				t.Errorf("ending an unknown token = %v; want nothing to happen", err)
			}
		})
	})
}
