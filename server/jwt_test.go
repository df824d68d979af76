package server_test

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/ratelimit"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// The token settings of newTestAPI.
const (
	testSecret   = "test-secret-test-secret-test-secret!"
	testIssuer   = "tanggap"
	testAudience = "tanggap-api"
)

const meQuery = `{ me { email } }`

// validClaims are the claims of a token the API must accept for u in the
// live session sid; each attack below changes one thing about them.
func validClaims(u *models.User, sid string) jwt.MapClaims {
	now := time.Now()
	return jwt.MapClaims{
		"iss":  testIssuer,
		"aud":  []string{testAudience},
		"sub":  strconv.FormatInt(u.ID, 10),
		"exp":  now.Add(time.Hour).Unix(),
		"nbf":  now.Unix(),
		"iat":  now.Unix(),
		"jti":  "jti-" + uniq(),
		"sid":  sid,
		"ver":  u.TokenVersion,
		"role": string(u.Role),
	}
}

func sign(t *testing.T, method jwt.SigningMethod, claims jwt.MapClaims, key any) string {
	t.Helper()
	token, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		t.Fatalf("sign %s token: %v", method.Alg(), err)
	}
	return token
}

func hs256(t *testing.T, claims jwt.MapClaims) string {
	return sign(t, jwt.SigningMethodHS256, claims, []byte(testSecret))
}

func with(claims jwt.MapClaims, key string, value any) jwt.MapClaims {
	out := jwt.MapClaims{}
	for k, v := range claims {
		out[k] = v
	}
	if value == nil {
		delete(out, key)
	} else {
		out[key] = value
	}
	return out
}

// withHeader re-signs claims with HMAC-SHA256 and the right key under a
// forged header, as an attacker who confuses algorithms would.
func withHeader(t *testing.T, header map[string]any, claims jwt.MapClaims) string {
	t.Helper()
	h, _ := json.Marshal(header)
	c, _ := json.Marshal(claims)
	unsigned := base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(c)
	sig, err := jwt.SigningMethodHS256.Sign(unsigned, []byte(testSecret))
	if err != nil {
		t.Fatal(err)
	}
	return unsigned + "." + base64.RawURLEncoding.EncodeToString(sig)
}

// tamper replaces the payload of a signed token and keeps its signature.
func tamper(t *testing.T, token string, change func(jwt.MapClaims)) string {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("token has %d parts", len(parts))
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	claims := jwt.MapClaims{}
	if err := json.Unmarshal(raw, &claims); err != nil {
		t.Fatal(err)
	}
	change(claims)
	payload, _ := json.Marshal(claims)
	return parts[0] + "." + base64.RawURLEncoding.EncodeToString(payload) + "." + parts[2]
}

// sessionOf returns the session id a token names.
func sessionOf(t *testing.T, token string) string {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("token has %d parts", len(parts))
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var claims struct {
		SID string `json:"sid"`
	}
	if err := json.Unmarshal(raw, &claims); err != nil || claims.SID == "" {
		t.Fatalf("token payload %s has no session id (%v)", raw, err)
	}
	return claims.SID
}

// meAs asks who the caller is with the given Authorization header.
func meAs(t *testing.T, api *testAPI, authorization string) *gqlResponse {
	t.Helper()
	r, err := postAuth(api, authorization, meQuery, nil)
	if err != nil {
		t.Fatalf("me: %v", err)
	}
	return r
}

// wantAccepted asserts that the header signs the caller in as email.
func wantAccepted(t *testing.T, api *testAPI, authorization, email string) {
	t.Helper()
	r := meAs(t, api, authorization)
	var out struct{ Me *struct{ Email string } }
	if r.Status != http.StatusOK {
		t.Fatalf("status %d, want 200: %s", r.Status, r.Raw)
	}
	r.decode(t, &out)
	if out.Me == nil || out.Me.Email != email {
		t.Fatalf("me = %s, want %s", r.Data, email)
	}
}

// wantRejected asserts a 401 with UNAUTHENTICATED and nothing about any user.
func wantRejected(t *testing.T, api *testAPI, authorization string, emails ...string) {
	t.Helper()
	r := meAs(t, api, authorization)
	if r.Status != http.StatusUnauthorized {
		t.Errorf("status %d, want 401: %s", r.Status, r.Raw)
	}
	if r.code() != models.EUNAUTHENTICATED {
		t.Errorf("code %q, want UNAUTHENTICATED: %s", r.code(), r.Raw)
	}
	if len(r.Data) > 0 && string(r.Data) != "null" {
		t.Errorf("a rejected token got data %s", r.Data)
	}
	for _, email := range emails {
		if strings.Contains(string(r.Raw), email) {
			t.Errorf("the response names %s: %s", email, r.Raw)
		}
	}
	if !strings.HasPrefix(r.Header.Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("WWW-Authenticate %q, want a Bearer challenge", r.Header.Get("WWW-Authenticate"))
	}
}

// TestTokenAttacks sends forged, altered, expired and revoked tokens to the
// API: each is refused with 401 UNAUTHENTICATED before any resolver runs.
func TestTokenAttacks(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db)
		s := mustStaff(t, api)
		trc, admin := s.trc, s.admin

		t.Run("OK", func(t *testing.T) {
			wantAccepted(t, api, "Bearer "+s.tokenOf(trc), trc.Email)
			// The hand-made token is accepted too, so every attack below is
			// refused for the one thing it changes.
			wantAccepted(t, api, "Bearer "+hs256(t, validClaims(trc, sessionOf(t, s.tokenOf(trc)))), trc.Email)
		})

		rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		valid := validClaims(trc, sessionOf(t, s.tokenOf(trc)))
		attacks := []struct {
			name  string
			token string
		}{
			{"alg none", sign(t, jwt.SigningMethodNone, valid, jwt.UnsafeAllowNoneSignatureType)},
			{"alg none without signature", strings.TrimSuffix(sign(t, jwt.SigningMethodNone, valid, jwt.UnsafeAllowNoneSignatureType), ".")},
			{"HS512 with the right key", sign(t, jwt.SigningMethodHS512, valid, []byte(testSecret))},
			{"HS384 with the right key", sign(t, jwt.SigningMethodHS384, valid, []byte(testSecret))},
			{"RS256 with an attacker's key", sign(t, jwt.SigningMethodRS256, valid, rsaKey)},
			{"RS256 header over an HMAC signature", withHeader(t, map[string]any{"alg": "RS256", "typ": "JWT"}, valid)},
			{"none header over an HMAC signature", withHeader(t, map[string]any{"alg": "none", "typ": "JWT"}, valid)},
			{"wrong key", sign(t, jwt.SigningMethodHS256, valid, []byte("another-secret-another-secret-another"))},
			{"tampered role", tamper(t, hs256(t, valid), func(c jwt.MapClaims) { c["role"] = "ADMIN" })},
			{"tampered subject", tamper(t, hs256(t, valid), func(c jwt.MapClaims) { c["sub"] = strconv.FormatInt(admin.ID, 10) })},
			{"tampered expiry", tamper(t, s.tokenOf(trc), func(c jwt.MapClaims) { c["exp"] = now.Add(24 * time.Hour).Unix() })},
			{"truncated signature", s.tokenOf(trc)[:len(s.tokenOf(trc))-4]},
			{"expired", hs256(t, with(with(with(valid, "exp", now.Add(-2*time.Minute).Unix()), "iat", now.Add(-time.Hour).Unix()), "nbf", now.Add(-time.Hour).Unix()))},
			{"not yet valid", hs256(t, with(valid, "nbf", now.Add(10*time.Minute).Unix()))},
			{"issued in the future", hs256(t, with(with(valid, "iat", now.Add(10*time.Minute).Unix()), "nbf", nil))},
			{"missing exp", hs256(t, with(valid, "exp", nil))},
			{"missing aud", hs256(t, with(valid, "aud", nil))},
			{"missing iss", hs256(t, with(valid, "iss", nil))},
			{"missing sub", hs256(t, with(valid, "sub", nil))},
			{"missing token version", hs256(t, with(valid, "ver", nil))},
			{"wrong aud", hs256(t, with(valid, "aud", []string{"tanggap-admin"}))},
			{"wrong iss", hs256(t, with(valid, "iss", "https://evil.example"))},
			{"old token version", hs256(t, with(valid, "ver", trc.TokenVersion-1))},
			{"role other than the account's", hs256(t, with(valid, "role", "ADMIN"))},
			{"unknown user", hs256(t, with(valid, "sub", "987654"))},
			{"missing session", hs256(t, with(valid, "sid", nil))},
			{"unknown session", hs256(t, with(valid, "sid", "dGhpcy1zZXNzaW9uLWRvZXMtbm90"))},
			{"another account's session", hs256(t, with(valid, "sid", sessionOf(t, s.tokenOf(admin))))},
			{"non-canonical subject", hs256(t, with(valid, "sub", "0"+strconv.FormatInt(trc.ID, 10)))},
			{"not a JWT", "not-a-token"},
		}
		for _, a := range attacks {
			t.Run(a.name, func(t *testing.T) {
				wantRejected(t, api, "Bearer "+a.token, trc.Email, admin.Email)
			})
		}

		t.Run("schemes other than Bearer", func(t *testing.T) {
			for _, header := range []string{
				"Basic " + base64.StdEncoding.EncodeToString([]byte(trc.Email+":"+storetest.Password)),
				"Token " + s.tokenOf(trc),
				"JWT " + s.tokenOf(trc),
				s.tokenOf(trc),
				"Bearer",
				"Bearer ",
			} {
				wantRejected(t, api, header, trc.Email)
			}
		})

		t.Run("1 MiB header", func(t *testing.T) {
			r := meAs(t, api, "Bearer "+strings.Repeat("A", 1<<20))
			if r.Status != http.StatusRequestHeaderFieldsTooLarge && r.Status != http.StatusUnauthorized {
				t.Fatalf("status %d, want 431 or 401", r.Status)
			}
			if strings.Contains(string(r.Raw), "@kotabaru.test") {
				t.Fatalf("the response names a user: %s", r.Raw)
			}
		})

		t.Run("deactivated account", func(t *testing.T) {
			u := storetest.MustUser(t, db, "keluar@kotabaru.test", models.RoleTRC, "")
			token := api.login(u.Email, storetest.Password)
			wantAccepted(t, api, "Bearer "+token, u.Email)
			if _, err := db.DeactivateUser(storetest.SystemContext(), u.Email); err != nil {
				t.Fatal(err)
			}
			wantRejected(t, api, "Bearer "+token, u.Email)
		})

		t.Run("password changed", func(t *testing.T) {
			u := storetest.MustUser(t, db, "ganti.sandi@kotabaru.test", models.RolePIC, agencyA)
			token := api.login(u.Email, storetest.Password)
			wantAccepted(t, api, "Bearer "+token, u.Email)
			password := "kata-sandi-yang-baru-456"
			if _, err := db.UpdateUser(storetest.SystemContext(), u.Email, models.UserUpdate{Password: &password}); err != nil {
				t.Fatal(err)
			}
			wantRejected(t, api, "Bearer "+token, u.Email)
			r := api.post("", `mutation($in: LoginInput!) { login(input: $in) { token } }`,
				map[string]any{"in": map[string]any{"email": u.Email, "password": storetest.Password}})
			if r.code() != models.EUNAUTHENTICATED {
				t.Errorf("login with the old password: code %q, want UNAUTHENTICATED", r.code())
			}
			wantAccepted(t, api, "Bearer "+api.login(u.Email, password), u.Email)
		})

		t.Run("role changed", func(t *testing.T) {
			u := storetest.MustUser(t, db, "pindah.peran@kotabaru.test", models.RoleTRC, "")
			token := api.login(u.Email, storetest.Password)
			wantAccepted(t, api, "Bearer "+token, u.Email)
			role := models.RoleAuditor
			if _, err := db.UpdateUser(storetest.SystemContext(), u.Email, models.UserUpdate{Role: &role}); err != nil {
				t.Fatal(err)
			}
			wantRejected(t, api, "Bearer "+token, u.Email)
		})
	})
}

const loginMutation = `mutation($in: LoginInput!) { login(input: $in) { token user { email } } }`

func loginVars(email, password string) map[string]any {
	return map[string]any{"in": map[string]any{"email": email, "password": password}}
}

// TestLoginFailuresLookAlike checks that an unknown e-mail, a wrong password
// and a deactivated account give one and the same answer, and write nothing.
func TestLoginFailuresLookAlike(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db)
		storetest.MustAgency(t, db, agencyA, "Dinas Kesehatan")
		known := storetest.MustUser(t, db, "pic@kotabaru.test", models.RolePIC, agencyA)
		gone := storetest.MustUser(t, db, "nonaktif@kotabaru.test", models.RoleTRC, "")
		if _, err := db.DeactivateUser(storetest.SystemContext(), gone.Email); err != nil {
			t.Fatal(err)
		}

		attempts := map[string]map[string]any{
			"unknown e-mail":      loginVars("tidak.ada@kotabaru.test", storetest.Password),
			"wrong password":      loginVars(known.Email, "kata-sandi-salah-999"),
			"deactivated account": loginVars(gone.Email, storetest.Password),
			"malformed e-mail":    loginVars("bukan-email", storetest.Password),
		}
		var first *gqlResponse
		for name, vars := range attempts {
			r := mutate(t, api, "", loginMutation, vars, models.EUNAUTHENTICATED)
			if len(r.Errors) != 1 {
				t.Fatalf("%s: %d errors, want 1: %s", name, len(r.Errors), r.Raw)
			}
			if strings.Contains(string(r.Raw), "token") && strings.Contains(string(r.Raw), "eyJ") {
				t.Fatalf("%s: a failed login returned a token: %s", name, r.Raw)
			}
			if first == nil {
				first = r
				continue
			}
			if r.Status != first.Status || r.Errors[0].Message != first.Errors[0].Message {
				t.Errorf("%s answers %d %q, another failure %d %q", name, r.Status, r.Errors[0].Message, first.Status, first.Errors[0].Message)
			}
		}

		r := mutate(t, api, "", loginMutation, loginVars(" PIC@Kotabaru.test ", storetest.Password), "")
		if !strings.Contains(string(r.Data), `"email":"pic@kotabaru.test"`) {
			t.Errorf("login with a differently written e-mail: %s", r.Data)
		}
	})
}

// aliasedLogins returns one operation with n aliased login fields.
func aliasedLogins(n int) string {
	var b strings.Builder
	b.WriteString(`mutation($e: String!, $p: String!) {`)
	for i := range n {
		fmt.Fprintf(&b, " a%d: login(input: {email: $e, password: $p}) { token }", i)
	}
	b.WriteString(" }")
	return b.String()
}

// wantRateLimited asserts a 429 with RATE_LIMITED and a Retry-After header.
func wantRateLimited(t *testing.T, r *gqlResponse) {
	t.Helper()
	if r.Status != http.StatusTooManyRequests {
		t.Errorf("status %d, want 429: %s", r.Status, r.Raw)
	}
	if r.code() != models.ERATELIMITED {
		t.Errorf("code %q, want RATE_LIMITED: %s", r.code(), r.Raw)
	}
	seconds, err := strconv.Atoi(r.Header.Get("Retry-After"))
	if err != nil || seconds < 1 || seconds > 3600 {
		t.Errorf("Retry-After %q, want 1–3600 seconds", r.Header.Get("Retry-After"))
	}
	if strings.Contains(string(r.Raw), `"token"`) {
		t.Errorf("a refused login returned a token: %s", r.Raw)
	}
}

// TestLoginAliasesAreCountedPerField sends many aliased login fields in one
// request: each counts against the per-address limit, so the request is
// refused before any password is checked.
func TestLoginAliasesAreCountedPerField(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		limited := func() apiOption {
			return withLimits(func(l *graph.Limits) {
				l.FieldRateLimits = graph.FieldLimits{PerAddress: map[string]*ratelimit.Limiter{"login": ratelimit.New(5, time.Hour)}}
			})
		}
		u := storetest.MustUser(t, db, "trc@kotabaru.test", models.RoleTRC, "")
		vars := map[string]any{"e": u.Email, "p": storetest.Password}

		t.Run("30 aliases", func(t *testing.T) {
			api := newTestAPI(t, db, limited())
			entries, _ := auditCount(t, db)
			r := api.post("", aliasedLogins(30), vars)
			wantRateLimited(t, r)
			if after, _ := auditCount(t, db); after != entries {
				t.Errorf("the refused request signed in %d times", after-entries)
			}
		})

		t.Run("5 aliases use up the allowance", func(t *testing.T) {
			api := newTestAPI(t, db, limited())
			entries, _ := auditCount(t, db)
			r := api.post("", aliasedLogins(5), vars)
			var out map[string]struct{ Token string }
			r.decode(t, &out)
			if len(out) != 5 {
				t.Fatalf("%d logins answered, want 5", len(out))
			}
			if after, _ := auditCount(t, db); after != entries+5 {
				t.Errorf("5 logins appended %d audit entries", after-entries)
			}
			wantRateLimited(t, api.post("", loginMutation, loginVars(u.Email, storetest.Password)))
		})
	})
}
