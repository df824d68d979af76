package auth_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/kotabaru/tanggap/auth"
)

const (
	testIssuer   = "tanggap-test"
	testAudience = "tanggap-staff"
	testTTL      = 15 * time.Minute
)

// testSession is the session id of the test tokens.
const testSession = "c2Vzc2lvbi1vZi10aGUtdGVzdA"

var (
	testSecret  = []byte("0123456789abcdef0123456789abcdef")
	otherSecret = []byte("fedcba9876543210fedcba9876543210")
	testNow     = time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
)

// MustTokens returns a Tokens for the test issuer and audience whose clock
// reads *now.
func MustTokens(tb testing.TB, now *time.Time) *auth.Tokens {
	tb.Helper()
	tokens, err := auth.NewTokens(testSecret, testIssuer, testAudience, testTTL)
	if err != nil {
		tb.Fatal(err)
	}
	tokens.SetClock(func() time.Time { return *now })
	return tokens
}

// validClaims returns the payload of a token that Verify accepts at testNow.
func validClaims() jwt.MapClaims {
	return jwt.MapClaims{
		"iss":  testIssuer,
		"aud":  []string{testAudience},
		"sub":  "42",
		"ver":  3,
		"role": "PIC",
		"iat":  testNow.Unix(),
		"nbf":  testNow.Unix(),
		"exp":  testNow.Add(testTTL).Unix(),
		"jti":  "test-token",
		"sid":  testSession,
	}
}

func with(key string, value any) jwt.MapClaims {
	claims := validClaims()
	claims[key] = value
	return claims
}

func without(key string) jwt.MapClaims {
	claims := validClaims()
	delete(claims, key)
	return claims
}

func sign(tb testing.TB, method jwt.SigningMethod, key []byte, claims jwt.MapClaims) string {
	tb.Helper()
	token, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		tb.Fatal(err)
	}
	return token
}

func segment(tb testing.TB, v any) string {
	tb.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return base64.RawURLEncoding.EncodeToString(raw)
}

// handMade builds a token from an arbitrary header and payload and, when key
// is not nil, signs it with HMAC-SHA256 whatever the header claims.
func handMade(tb testing.TB, header map[string]any, claims jwt.MapClaims, key []byte) string {
	tb.Helper()
	signingInput := segment(tb, header) + "." + segment(tb, claims)
	if key == nil {
		return signingInput + "."
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(signingInput))
	return signingInput + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// paddedToken returns a token Verify would otherwise accept at testNow,
// padded with an extra claim to the smallest length of at least size bytes.
func paddedToken(tb testing.TB, size int) string {
	tb.Helper()
	header := map[string]any{"alg": "HS256", "typ": "JWT"}
	for pad := 0; ; pad++ {
		token := handMade(tb, header, with("pad", strings.Repeat("A", pad)), testSecret)
		if len(token) >= size {
			return token
		}
	}
}

// tamper replaces the payload of a signed token, keeping its signature.
func tamper(tb testing.TB, token string, change func(jwt.MapClaims)) string {
	tb.Helper()
	parts := strings.Split(token, ".")
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		tb.Fatal(err)
	}
	claims := jwt.MapClaims{}
	if err := json.Unmarshal(raw, &claims); err != nil {
		tb.Fatal(err)
	}
	change(claims)
	parts[1] = segment(tb, claims)
	return strings.Join(parts, ".")
}

func TestTokensVerifyRejects(t *testing.T) {
	now := testNow
	tokens := MustTokens(t, &now)
	issued, _, err := tokens.Issue(auth.Claims{UserID: 42, TokenVersion: 3, Role: "PIC", SessionID: testSession})
	if err != nil {
		t.Fatal(err)
	}
	beyondLeeway := auth.Leeway + time.Second

	tests := []struct {
		name  string
		token string
	}{
		{"AlgNone", handMade(t, map[string]any{"alg": "none", "typ": "JWT"}, validClaims(), nil)},
		{"AlgNoneCapitalised", handMade(t, map[string]any{"alg": "None", "typ": "JWT"}, validClaims(), nil)},
		{"AlgNoneWithSignature", handMade(t, map[string]any{"alg": "none", "typ": "JWT"}, validClaims(), testSecret)},
		{"HS512RightKey", sign(t, jwt.SigningMethodHS512, testSecret, validClaims())},
		{"HS384RightKey", sign(t, jwt.SigningMethodHS384, testSecret, validClaims())},
		{"RS256HeaderHMACSignature", handMade(t, map[string]any{"alg": "RS256", "typ": "JWT"}, validClaims(), testSecret)},
		{"WrongKey", sign(t, jwt.SigningMethodHS256, otherSecret, validClaims())},
		{"TamperedRole", tamper(t, issued, func(c jwt.MapClaims) { c["role"] = "ADMIN" })},
		{"TamperedSubject", tamper(t, issued, func(c jwt.MapClaims) { c["sub"] = "1" })},
		{"TamperedSession", tamper(t, issued, func(c jwt.MapClaims) { c["sid"] = "YW5vdGhlci1zZXNzaW9uLWlk" })},
		{"SignatureStripped", issued[:strings.LastIndex(issued, ".")+1]},
		{"Expired", sign(t, jwt.SigningMethodHS256, testSecret, with("exp", testNow.Add(-beyondLeeway).Unix()))},
		{"NotYetValid", sign(t, jwt.SigningMethodHS256, testSecret, with("nbf", testNow.Add(beyondLeeway).Unix()))},
		{"IssuedInFuture", sign(t, jwt.SigningMethodHS256, testSecret, with("iat", testNow.Add(beyondLeeway).Unix()))},
		{"MissingExp", sign(t, jwt.SigningMethodHS256, testSecret, without("exp"))},
		{"MissingIat", sign(t, jwt.SigningMethodHS256, testSecret, without("iat"))},
		{"MissingAud", sign(t, jwt.SigningMethodHS256, testSecret, without("aud"))},
		{"EmptyAud", sign(t, jwt.SigningMethodHS256, testSecret, with("aud", []string{}))},
		{"MissingIss", sign(t, jwt.SigningMethodHS256, testSecret, without("iss"))},
		{"WrongAud", sign(t, jwt.SigningMethodHS256, testSecret, with("aud", "someone-else"))},
		{"WrongIss", sign(t, jwt.SigningMethodHS256, testSecret, with("iss", "someone-else"))},
		{"MissingSub", sign(t, jwt.SigningMethodHS256, testSecret, without("sub"))},
		{"NonNumericSub", sign(t, jwt.SigningMethodHS256, testSecret, with("sub", "admin"))},
		{"ZeroSub", sign(t, jwt.SigningMethodHS256, testSecret, with("sub", "0"))},
		{"NegativeSub", sign(t, jwt.SigningMethodHS256, testSecret, with("sub", "-42"))},
		{"PaddedSub", sign(t, jwt.SigningMethodHS256, testSecret, with("sub", "042"))},
		{"NumberSub", sign(t, jwt.SigningMethodHS256, testSecret, with("sub", 42))},
		{"MissingVer", sign(t, jwt.SigningMethodHS256, testSecret, without("ver"))},
		{"StringVer", sign(t, jwt.SigningMethodHS256, testSecret, with("ver", "3"))},
		{"FractionalVer", sign(t, jwt.SigningMethodHS256, testSecret, with("ver", 3.5))},
		{"NegativeVer", sign(t, jwt.SigningMethodHS256, testSecret, with("ver", -1))},
		{"MissingRole", sign(t, jwt.SigningMethodHS256, testSecret, without("role"))},
		{"MissingSession", sign(t, jwt.SigningMethodHS256, testSecret, without("sid"))},
		{"ShortSession", sign(t, jwt.SigningMethodHS256, testSecret, with("sid", "abc"))},
		{"SessionWithSlash", sign(t, jwt.SigningMethodHS256, testSecret, with("sid", "c2Vzc2lvbi1vZi10aGUt/GVzdA"))},
		{"NumberSession", sign(t, jwt.SigningMethodHS256, testSecret, with("sid", 12345678901234567))},
		{"StringExp", sign(t, jwt.SigningMethodHS256, testSecret, with("exp", "tomorrow"))},
		{"HugeHeader", handMade(t, map[string]any{"alg": "HS256", "typ": "JWT", "kid": strings.Repeat("A", 1<<20)}, validClaims(), testSecret)},
		{"JustOverSizeLimit", paddedToken(t, auth.MaxTokenBytes+1)},
		{"ManyDots", strings.Repeat(".", 4000)},
		{"Garbage", "this is not a token"},
		{"GarbageSegments", "eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl"},
		{"TwoSegments", strings.Join(strings.Split(issued, ".")[:2], ".")},
		{"BearerPrefix", "Bearer " + issued},
		{"Empty", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			claims, err := tokens.Verify(tt.token)
			if !errors.Is(err, auth.ErrInvalidToken) {
				t.Fatalf("Verify = %+v, %v; want ErrInvalidToken", claims, err)
			}
			if err != auth.ErrInvalidToken {
				t.Errorf("Verify error = %q; want ErrInvalidToken itself, wrapping nothing", err)
			}
			if claims != (auth.Claims{}) {
				t.Errorf("Verify returned claims %+v with its error", claims)
			}
		})
	}
}

func TestTokensIssueVerify(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		now := testNow.Add(123 * time.Millisecond)
		tokens := MustTokens(t, &now)
		want := auth.Claims{UserID: 9007199254740993, TokenVersion: 7, Role: "ADMIN", SessionID: testSession}
		token, expiresAt, err := tokens.Issue(want)
		if err != nil {
			t.Fatal(err)
		}
		if !expiresAt.Equal(testNow.Add(testTTL)) {
			t.Errorf("expiresAt = %v; want %v", expiresAt, testNow.Add(testTTL))
		}
		got, err := tokens.Verify(token)
		if err != nil {
			t.Fatalf("Verify: %v", err)
		}
		want.ExpiresAt = expiresAt
		want.IssuedAt = testNow
		if got != want {
			t.Errorf("Verify = %+v; want %+v", got, want)
		}
	})

	t.Run("OKAtSizeLimit", func(t *testing.T) {
		now := testNow
		tokens := MustTokens(t, &now)
		// Base64 cannot hit every length; one byte short is as close as it gets.
		token := paddedToken(t, auth.MaxTokenBytes-1)
		if len(token) > auth.MaxTokenBytes {
			t.Fatalf("test token is %d bytes; want at most %d", len(token), auth.MaxTokenBytes)
		}
		if _, err := tokens.Verify(token); err != nil {
			t.Fatalf("Verify: %v", err)
		}
	})

	t.Run("OKWithinLeeway", func(t *testing.T) {
		now := testNow
		tokens := MustTokens(t, &now)
		token, expiresAt, err := tokens.Issue(auth.Claims{UserID: 1, Role: "TRC", SessionID: testSession})
		if err != nil {
			t.Fatal(err)
		}
		now = testNow.Add(-auth.Leeway + time.Second)
		if _, err := tokens.Verify(token); err != nil {
			t.Errorf("Verify with a clock slightly behind: %v", err)
		}
		now = expiresAt.Add(auth.Leeway - time.Second)
		if _, err := tokens.Verify(token); err != nil {
			t.Errorf("Verify just after expiry, within leeway: %v", err)
		}
		now = expiresAt.Add(auth.Leeway + time.Second)
		if _, err := tokens.Verify(token); !errors.Is(err, auth.ErrInvalidToken) {
			t.Errorf("Verify after expiry and leeway = %v; want ErrInvalidToken", err)
		}
	})

	t.Run("ErrOtherTokens", func(t *testing.T) {
		now := testNow
		tokens := MustTokens(t, &now)
		token, _, err := tokens.Issue(auth.Claims{UserID: 42, TokenVersion: 3, Role: "PIC", SessionID: testSession})
		if err != nil {
			t.Fatal(err)
		}
		for _, other := range []struct {
			name             string
			secret           []byte
			issuer, audience string
		}{
			{"OtherSecret", otherSecret, testIssuer, testAudience},
			{"OtherIssuer", testSecret, "other-issuer", testAudience},
			{"OtherAudience", testSecret, testIssuer, "other-audience"},
		} {
			verifier, err := auth.NewTokens(other.secret, other.issuer, other.audience, testTTL)
			if err != nil {
				t.Fatal(err)
			}
			verifier.SetClock(func() time.Time { return now })
			if _, err := verifier.Verify(token); !errors.Is(err, auth.ErrInvalidToken) {
				t.Errorf("%s: Verify = %v; want ErrInvalidToken", other.name, err)
			}
		}
	})

	t.Run("UniqueIDs", func(t *testing.T) {
		now := testNow
		tokens := MustTokens(t, &now)
		c := auth.Claims{UserID: 42, TokenVersion: 3, Role: "PIC", SessionID: testSession}
		first, _, err := tokens.Issue(c)
		if err != nil {
			t.Fatal(err)
		}
		second, _, err := tokens.Issue(c)
		if err != nil {
			t.Fatal(err)
		}
		if first == second {
			t.Error("two tokens issued at the same second with the same claims are identical; want distinct jti")
		}
	})

	t.Run("ErrInvalidClaims", func(t *testing.T) {
		now := testNow
		tokens := MustTokens(t, &now)
		for _, c := range []auth.Claims{
			{UserID: 0, Role: "PIC", SessionID: testSession},
			{UserID: -1, Role: "PIC", SessionID: testSession},
			{UserID: 1, TokenVersion: -1, Role: "PIC", SessionID: testSession},
			{UserID: 1, SessionID: testSession},
			{UserID: 1, Role: "PIC"},
			{UserID: 1, Role: "PIC", SessionID: "short"},
			{UserID: 1, Role: "PIC", SessionID: "not/base64url+characters"},
		} {
			if token, _, err := tokens.Issue(c); err == nil {
				t.Errorf("Issue(%+v) = %q; want an error", c, token)
			}
		}
	})
}

func TestNewTokens(t *testing.T) {
	tests := []struct {
		name             string
		secret           []byte
		issuer, audience string
		ttl              time.Duration
		ok               bool
	}{
		{"OK", testSecret, testIssuer, testAudience, testTTL, true},
		{"ErrShortSecret", testSecret[:31], testIssuer, testAudience, testTTL, false},
		{"ErrNoSecret", nil, testIssuer, testAudience, testTTL, false},
		{"ErrNoIssuer", testSecret, "", testAudience, testTTL, false},
		{"ErrNoAudience", testSecret, testIssuer, "", testTTL, false},
		{"ErrZeroTTL", testSecret, testIssuer, testAudience, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tokens, err := auth.NewTokens(tt.secret, tt.issuer, tt.audience, tt.ttl)
			if tt.ok != (err == nil) || tt.ok != (tokens != nil) {
				t.Fatalf("NewTokens = %v, %v; want ok = %v", tokens, err, tt.ok)
			}
		})
	}

	t.Run("SecretIsCopied", func(t *testing.T) {
		secret := bytes.Clone(testSecret)
		tokens, err := auth.NewTokens(secret, testIssuer, testAudience, testTTL)
		if err != nil {
			t.Fatal(err)
		}
		token, _, err := tokens.Issue(auth.Claims{UserID: 1, Role: "PIC", SessionID: testSession})
		if err != nil {
			t.Fatal(err)
		}
		clear(secret)
		if _, err := tokens.Verify(token); err != nil {
			t.Errorf("Verify after the caller cleared its secret: %v", err)
		}
	})
}

func TestGenerateSecret(t *testing.T) {
	first, second := auth.GenerateSecret(), auth.GenerateSecret()
	if len(first) != auth.MinSecretBytes {
		t.Errorf("len(GenerateSecret()) = %d; want %d", len(first), auth.MinSecretBytes)
	}
	if bytes.Equal(first, second) {
		t.Error("GenerateSecret returned the same secret twice")
	}
	if _, err := auth.NewTokens(first, testIssuer, testAudience, testTTL); err != nil {
		t.Errorf("NewTokens(GenerateSecret()): %v", err)
	}
}
