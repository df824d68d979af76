package server_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/server"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// refreshAnswer is what one refresh request got back.
type refreshAnswer struct {
	Status int
	Cookie *http.Cookie
	Body   struct {
		Token            string    `json:"token"`
		ExpiresAt        time.Time `json:"expiresAt"`
		SessionExpiresAt time.Time `json:"sessionExpiresAt"`
		Errors           []gqlError
	}
}

// refreshCall posts to a refresh endpoint as the web app does: the custom
// header, the cookie when one is given, the bearer token when one is given.
func refreshCall(t *testing.T, api *testAPI, path, bearer, cookie string, extra map[string]string) refreshAnswer {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, api.srv.URL+path, nil)
	req.Header.Set("X-Tanggap-Refresh", "1")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	if cookie != "" {
		req.AddCookie(&http.Cookie{Name: "tanggap_refresh", Value: cookie})
	}
	for k, v := range extra {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out refreshAnswer
	out.Status = resp.StatusCode
	for _, c := range resp.Cookies() {
		if c.Name == "tanggap_refresh" {
			out.Cookie = c
		}
	}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &out.Body); err != nil {
			t.Fatalf("%s answered %d with %q", path, resp.StatusCode, raw)
		}
	}
	return out
}

// whoAmI returns the e-mail `me` answers for a bearer token, "" when
// anonymous, or the error code.
func whoAmI(t *testing.T, api *testAPI, token string) string {
	t.Helper()
	r := api.post(token, `{ me { email } }`, nil)
	if code := r.code(); code != "" {
		return code
	}
	var out struct{ Me *struct{ Email string } }
	r.decode(t, &out)
	if out.Me == nil {
		return ""
	}
	return out.Me.Email
}

// TestRefreshRotation walks a browser session through its refresh tokens:
// the first cookie after login, rotation on every use, detection of a token
// used twice (which ends the whole session), sign-out, and the checks that
// keep other sites out.
func TestRefreshRotation(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db)
		u := storetest.MustUser(t, db, "segar@kotabaru.test", models.RoleTRC, "")

		t.Run("StartSetsARestrictedCookie", func(t *testing.T) {
			access := api.login(u.Email, storetest.Password)
			before := time.Now()
			r := refreshCall(t, api, "/auth/refresh/start", access, "", nil)
			if r.Status != http.StatusOK || r.Cookie == nil {
				t.Fatalf("start: %d, cookie %v", r.Status, r.Cookie)
			}
			c := r.Cookie
			// The test server listens on 127.0.0.1, a loopback host: browsers keep Secure cookies there.
			if !c.HttpOnly || !c.Secure || c.SameSite != http.SameSiteStrictMode || c.Path != "/auth/refresh" || c.MaxAge <= 0 {
				t.Errorf("cookie %+v: want HttpOnly, Secure, SameSite=Strict, Path=/auth/refresh and a lifetime", c)
			}
			if got := r.Body.SessionExpiresAt; got.Before(before.Add(server.DefaultSessionTTL - time.Minute)) {
				t.Errorf("session ends %v; want the session lifetime from now", got)
			}
			if again := refreshCall(t, api, "/auth/refresh/start", access, "", nil); again.Status != http.StatusConflict || again.Cookie != nil {
				t.Errorf("a second start for the same session: %d, cookie %v; want 409 without a cookie", again.Status, again.Cookie)
			}
		})

		t.Run("RotationAndReuse", func(t *testing.T) {
			access := api.login(u.Email, storetest.Password)
			first := refreshCall(t, api, "/auth/refresh/start", access, "", nil).Cookie.Value
			r1 := refreshCall(t, api, "/auth/refresh", "", first, nil)
			if r1.Status != http.StatusOK || r1.Cookie == nil || r1.Cookie.Value == first || r1.Body.Token == "" {
				t.Fatalf("refresh: %d, cookie %v, token %q", r1.Status, r1.Cookie, r1.Body.Token)
			}
			if got := whoAmI(t, api, r1.Body.Token); got != u.Email {
				t.Fatalf("the refreshed token reads me as %q", got)
			}
			second := r1.Cookie.Value
			r2 := refreshCall(t, api, "/auth/refresh", "", second, nil)
			if r2.Status != http.StatusOK || r2.Cookie.Value == second {
				t.Fatalf("second refresh: %d", r2.Status)
			}
			third := r2.Cookie.Value

			// The first token again: someone holds a copy. The session ends.
			reuse := refreshCall(t, api, "/auth/refresh", "", first, nil)
			if reuse.Status != http.StatusUnauthorized || reuse.Cookie == nil || reuse.Cookie.MaxAge >= 0 {
				t.Fatalf("reuse: %d, cookie %v; want 401 and the cookie removed", reuse.Status, reuse.Cookie)
			}
			if code := reuse.Body.Errors[0].Extensions["code"]; code != models.EUNAUTHENTICATED {
				t.Errorf("reuse code %v", code)
			}
			if r := refreshCall(t, api, "/auth/refresh", "", third, nil); r.Status != http.StatusUnauthorized {
				t.Errorf("the newest token of a reused chain: %d, want 401", r.Status)
			}
			for _, token := range []string{access, r1.Body.Token, r2.Body.Token} {
				if got := whoAmI(t, api, token); got != models.EUNAUTHENTICATED {
					t.Errorf("a bearer token of the ended session reads me as %q", got)
				}
			}
			page, err := db.AuditLog(storetest.SystemContext(), models.AuditFilter{Action: "auth.refresh_reuse", First: 5})
			if err != nil || len(page.Entries) != 1 || *page.Entries[0].ActorID != u.ID {
				t.Fatalf("audit of the reuse: %+v, %v", page, err)
			}
		})

		t.Run("LogoutEndsTheChain", func(t *testing.T) {
			access := api.login(u.Email, storetest.Password)
			cookie := refreshCall(t, api, "/auth/refresh/start", access, "", nil).Cookie.Value
			api.post(access, logoutMutation, nil).decode(t, &struct{}{})
			if r := refreshCall(t, api, "/auth/refresh", "", cookie, nil); r.Status != http.StatusUnauthorized {
				t.Errorf("refresh after logout: %d, want 401", r.Status)
			}
		})

		t.Run("EndSignsOut", func(t *testing.T) {
			access := api.login(u.Email, storetest.Password)
			cookie := refreshCall(t, api, "/auth/refresh/start", access, "", nil).Cookie.Value
			end := refreshCall(t, api, "/auth/refresh/end", "", cookie, nil)
			if end.Status != http.StatusNoContent || end.Cookie == nil || end.Cookie.MaxAge >= 0 {
				t.Fatalf("end: %d, cookie %v", end.Status, end.Cookie)
			}
			if got := whoAmI(t, api, access); got != models.EUNAUTHENTICATED {
				t.Errorf("bearer token after end: %q", got)
			}
			if again := refreshCall(t, api, "/auth/refresh/end", "", cookie, nil); again.Status != http.StatusNoContent {
				t.Errorf("ending twice: %d", again.Status)
			}
		})

		t.Run("OtherSitesAreRefused", func(t *testing.T) {
			access := api.login(u.Email, storetest.Password)
			cookie := refreshCall(t, api, "/auth/refresh/start", access, "", nil).Cookie.Value
			for name, headers := range map[string]map[string]string{
				"NoHeader":        {"X-Tanggap-Refresh": ""},
				"CrossSite":       {"Sec-Fetch-Site": "cross-site"},
				"SameSiteOrigin":  {"Sec-Fetch-Site": "same-site"},
				"OtherOrigin":     {"Origin": "https://jahat.example"},
				"WrongHeaderText": {"X-Tanggap-Refresh": "ya"},
			} {
				r := refreshCall(t, api, "/auth/refresh", "", cookie, headers)
				if r.Status != http.StatusForbidden || r.Cookie != nil {
					t.Errorf("%s: %d, cookie %v; want 403 and no cookie", name, r.Status, r.Cookie)
				}
			}
			// A preflight for the custom header is never granted.
			req, _ := http.NewRequest(http.MethodOptions, api.srv.URL+"/auth/refresh", nil)
			req.Header.Set("Origin", "https://jahat.example")
			req.Header.Set("Access-Control-Request-Method", "POST")
			req.Header.Set("Access-Control-Request-Headers", "x-tanggap-refresh")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.Header.Get("Access-Control-Allow-Origin") != "" || resp.StatusCode < 400 {
				t.Errorf("preflight answered %d with Access-Control-Allow-Origin %q", resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
			}
			// The cookie still works from the app itself: the refused requests changed nothing.
			if r := refreshCall(t, api, "/auth/refresh", "", cookie, nil); r.Status != http.StatusOK {
				t.Errorf("refresh from the app after refused attempts: %d", r.Status)
			}
		})

		t.Run("GraphQLIgnoresTheCookie", func(t *testing.T) {
			access := api.login(u.Email, storetest.Password)
			cookie := refreshCall(t, api, "/auth/refresh/start", access, "", nil).Cookie.Value
			req, _ := http.NewRequest(http.MethodPost, api.srv.URL+"/graphql", strings.NewReader(`{"query":"{ me { email } }"}`))
			req.Header.Set("Content-Type", "application/json")
			req.AddCookie(&http.Cookie{Name: "tanggap_refresh", Value: cookie})
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !strings.Contains(string(raw), `"me":null`) {
				t.Errorf("/graphql with only the refresh cookie answered %s; want an anonymous caller", raw)
			}
		})

		t.Run("UnknownAndMalformedCookies", func(t *testing.T) {
			for _, cookie := range []string{"", "pendek", strings.Repeat("A", 43)} {
				if r := refreshCall(t, api, "/auth/refresh", "", cookie, nil); r.Status != http.StatusUnauthorized {
					t.Errorf("cookie %q: %d, want 401", cookie, r.Status)
				}
			}
		})
	})
}

// TestRefreshTokenEndsWithItsSession checks that a bearer token issued by a
// refresh never outlives the session it belongs to.
func TestRefreshTokenEndsWithItsSession(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db, func(_ *graph.Limits, c *server.Config) { c.SessionTTL = 20 * time.Minute })
		u := storetest.MustUser(t, db, "singkat@kotabaru.test", models.RoleTRC, "")
		access := api.login(u.Email, storetest.Password)
		start := refreshCall(t, api, "/auth/refresh/start", access, "", nil)
		r := refreshCall(t, api, "/auth/refresh", "", start.Cookie.Value, nil)
		if r.Status != http.StatusOK {
			t.Fatalf("refresh: %d", r.Status)
		}
		// The test tokens live an hour; the session only twenty minutes.
		if !r.Body.ExpiresAt.Equal(r.Body.SessionExpiresAt.Truncate(time.Second)) {
			t.Errorf("token expires %v, session %v; want the token to end with the session", r.Body.ExpiresAt, r.Body.SessionExpiresAt)
		}
	})
}
