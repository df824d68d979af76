package server_test

import (
	"context"
	"database/sql"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

const (
	mySessionsQuery = `{ mySessions { id device current createdAt expiresAt } }`
	logoutMutation  = `mutation { logout { session { id current } } }`
	endSessionQuery = `mutation($id: ID!) { endSession(input: {id: $id}) { session { id current } } }`
)

type sessionView struct {
	ID, Device, CreatedAt, ExpiresAt string
	Current                          bool
}

// mySessions lists the caller's sessions through the API.
func mySessions(t *testing.T, api *testAPI, token string) []sessionView {
	t.Helper()
	var out struct{ MySessions []sessionView }
	api.post(token, mySessionsQuery, nil).decode(t, &out)
	return out.MySessions
}

// wantAuditAction asserts that the newest audit entry is action by user.
func wantAuditAction(t *testing.T, db *store.DB, action string, user *models.User) {
	t.Helper()
	page, err := db.AuditLog(storetest.SystemContext(), models.AuditFilter{First: 1})
	if err != nil || len(page.Entries) != 1 {
		t.Fatalf("read audit log: %v", err)
	}
	e := page.Entries[0]
	if e.Action != action || e.ActorID == nil || *e.ActorID != user.ID {
		t.Errorf("newest audit entry %s by %v, want %s by user %d", e.Action, e.ActorID, action, user.ID)
	}
}

// TestFaultLogoutRevokesToken signs one account in three times and ends its
// sessions one by one: a token stops working as soon as its session ends,
// the others keep working, and a password change ends them all.
func TestFaultLogoutRevokesToken(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db)
		u := storetest.MustUser(t, db, "sesi@kotabaru.test", models.RoleTRC, "")
		other := storetest.MustUser(t, db, "lain@kotabaru.test", models.RoleAuditor, "")
		login := func(userAgent string) string {
			r := postFrom(t, api, "127.0.0.1", "", userAgent, loginMutation, loginVars(u.Email, storetest.Password))
			var out struct{ Login struct{ Token string } }
			r.decode(t, &out)
			return out.Login.Token
		}
		laptop := login("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")
		phone := login("Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36")
		tablet := login("Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")
		otherToken := api.login(other.Email, storetest.Password)

		t.Run("mySessions", func(t *testing.T) {
			sessions := mySessions(t, api, laptop)
			if len(sessions) != 3 {
				t.Fatalf("%d sessions listed, want 3: %+v", len(sessions), sessions)
			}
			devices := map[string]bool{}
			current := 0
			for _, s := range sessions {
				devices[s.Device] = true
				if s.Current {
					current++
					if want := globalID("Session", sessionOf(t, laptop)); s.ID != want {
						t.Errorf("session %s is marked current, the token's is %s", s.ID, want)
					}
				}
			}
			if current != 1 {
				t.Errorf("%d sessions marked current, want 1", current)
			}
			for _, d := range []string{"Chrome di Windows", "Chrome di Android", "Safari di iPad"} {
				if !devices[d] {
					t.Errorf("no session described as %q: %v", d, devices)
				}
			}
			if n := len(mySessions(t, api, otherToken)); n != 1 {
				t.Errorf("another account sees %d sessions, want its own 1", n)
			}
			r := api.post("", mySessionsQuery, nil)
			if r.code() != models.EUNAUTHENTICATED {
				t.Errorf("anonymous mySessions: %s", r.Raw)
			}
		})

		t.Run("no address in clear", func(t *testing.T) {
			var rows []map[string]any
			if err := db.Bun().NewRaw("SELECT * FROM sessions").Scan(context.Background(), &rows); err != nil {
				t.Fatal(err)
			}
			hash := regexp.MustCompile(`^[0-9a-f]{64}$`)
			for _, row := range rows {
				for column, v := range row {
					if s, ok := v.(string); ok && strings.Contains(s, "127.0.0.1") {
						t.Errorf("column %s keeps the address in clear: %q", column, s)
					}
				}
				if s, _ := row["address_hash"].(string); !hash.MatchString(s) {
					t.Errorf("address_hash %q is not a keyed hash", row["address_hash"])
				}
			}
		})

		t.Run("logout", func(t *testing.T) {
			r := mutate(t, api, laptop, logoutMutation, nil, "")
			if !strings.Contains(string(r.Data), `"current":true`) {
				t.Errorf("logout data %s", r.Data)
			}
			wantAuditAction(t, db, "auth.logout", u)
			wantRejected(t, api, "Bearer "+laptop, u.Email)
			wantAccepted(t, api, "Bearer "+phone, u.Email)
			if n := len(mySessions(t, api, phone)); n != 2 {
				t.Errorf("%d sessions after logout, want 2", n)
			}
		})

		t.Run("endSession", func(t *testing.T) {
			mutate(t, api, otherToken, endSessionQuery, map[string]any{"id": sessionOf(t, tablet)}, models.ENOTFOUND)
			mutate(t, api, phone, endSessionQuery, map[string]any{"id": sessionOf(t, laptop)}, models.ENOTFOUND)
			mutate(t, api, phone, endSessionQuery, map[string]any{"id": "tidak-ada-sesi-seperti-ini"}, models.ENOTFOUND)
			r := mutate(t, api, phone, endSessionQuery, map[string]any{"id": sessionOf(t, tablet)}, "")
			if !strings.Contains(string(r.Data), `"current":false`) {
				t.Errorf("endSession data %s", r.Data)
			}
			wantAuditAction(t, db, "auth.session_end", u)
			wantRejected(t, api, "Bearer "+tablet, u.Email)
			wantAccepted(t, api, "Bearer "+phone, u.Email)
		})

		t.Run("password change ends every session", func(t *testing.T) {
			password := "kata-sandi-pengganti-789"
			if _, err := db.UpdateUser(storetest.SystemContext(), u.Email, models.UserUpdate{Password: &password}); err != nil {
				t.Fatal(err)
			}
			wantRejected(t, api, "Bearer "+phone, u.Email)
			fresh := api.login(u.Email, password)
			sessions := mySessions(t, api, fresh)
			if len(sessions) != 1 || !sessions[0].Current {
				t.Errorf("after a password change and a new login, sessions %+v; want only the new one", sessions)
			}
			if _, err := db.DeactivateUser(storetest.SystemContext(), u.Email); err != nil {
				t.Fatal(err)
			}
			wantRejected(t, api, "Bearer "+fresh, u.Email)
		})
	})
}

// wantUnavailable asserts a 503 UNAVAILABLE with Retry-After, which tells a
// client to keep its token and try again.
func wantUnavailable(t *testing.T, r *gqlResponse) {
	t.Helper()
	if r.Status != http.StatusServiceUnavailable || r.code() != models.EUNAVAILABLE {
		t.Errorf("status %d, code %q; want 503 UNAVAILABLE: %s", r.Status, r.code(), r.Raw)
	}
	if seconds, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || seconds < 1 {
		t.Errorf("Retry-After %q, want whole seconds", r.Header.Get("Retry-After"))
	}
	if r.Header.Get("WWW-Authenticate") != "" {
		t.Errorf("a database outage sent an authentication challenge")
	}
}

// TestFaultTokenCheckDuringDatabaseOutage takes the database away while a
// signed-in staff member works: their requests answer 503 with Retry-After,
// not 401, so the console does not sign them out; once the database is back
// the same token works. On PostgreSQL the outage is real: the server's
// connections are cut and new ones refused, as during a restart.
func TestFaultTokenCheckDuringDatabaseOutage(t *testing.T) {
	for _, dialect := range storetest.Dialects(t) {
		t.Run(string(dialect), func(t *testing.T) {
			db := storetest.MustOpen(t, dialect)
			api := newTestAPI(t, db)
			u := storetest.MustUser(t, db, "jaga@kotabaru.test", models.RoleAuditor, "")
			token := api.login(u.Email, storetest.Password)
			wantAccepted(t, api, "Bearer "+token, u.Email)

			if dialect == store.SQLite {
				db.Close()
				wantUnavailable(t, meAs(t, api, "Bearer "+token))
				status, header, _, _ := api.download(token, "/export/issues.csv")
				if status != http.StatusServiceUnavailable || header.Get("Retry-After") == "" {
					t.Errorf("export during the outage: %d, Retry-After %q", status, header.Get("Retry-After"))
				}
				return
			}

			var name string
			if err := db.Bun().QueryRowContext(context.Background(), "SELECT current_database()").Scan(&name); err != nil {
				t.Fatal(err)
			}
			admin, err := sql.Open("postgres", os.Getenv(storetest.PostgresURLEnv))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { admin.Close() })
			outage := func(down bool) {
				t.Helper()
				if _, err := admin.Exec("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + strconv.FormatBool(!down)); err != nil {
					t.Fatal(err)
				}
				if down {
					if _, err := admin.Exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", name); err != nil {
						t.Fatal(err)
					}
				}
			}
			outage(true)
			t.Cleanup(func() { outage(false) })
			wantUnavailable(t, meAs(t, api, "Bearer "+token))
			outage(false)
			wantAccepted(t, api, "Bearer "+token, u.Email)
		})
	}
}
