package auth_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/auth"
)

func TestRefreshTokens(t *testing.T) {
	token, hash := auth.NewRefreshToken()
	other, otherHash := auth.NewRefreshToken()
	if len(token) != 43 || token == other || hash == otherHash || len(hash) != 64 {
		t.Fatalf("tokens %q %q, hashes %q %q", token, other, hash, otherHash)
	}
	if auth.HashRefreshToken(token) != hash || strings.Contains(hash, token) {
		t.Error("the stored hash must be the token's SHA-256, not the token")
	}
	for _, bad := range []string{"", "pendek", token + "A", token[:42] + "!", strings.Repeat("=", 43)} {
		if got := auth.HashRefreshToken(bad); got != "" {
			t.Errorf("HashRefreshToken(%q) = %q; want a refusal", bad, got)
		}
	}
}

// TestIssueEndsWithItsSession checks that a token never outlives the limit
// it is given, and that a limit already past is refused.
func TestIssueEndsWithItsSession(t *testing.T) {
	now := testNow
	tokens := MustTokens(t, &now)
	claims := auth.Claims{UserID: 7, TokenVersion: 1, Role: "PIC", SessionID: testSession}

	claims.ExpiresAt = now.Add(5 * time.Minute)
	if _, exp, err := tokens.Issue(claims); err != nil || !exp.Equal(now.Add(5*time.Minute)) {
		t.Errorf("limit before the lifetime: expires %v, %v; want the limit", exp, err)
	}
	claims.ExpiresAt = now.Add(time.Hour)
	if _, exp, err := tokens.Issue(claims); err != nil || !exp.Equal(now.Add(testTTL)) {
		t.Errorf("limit after the lifetime: expires %v, %v; want the lifetime", exp, err)
	}
	claims.ExpiresAt = now.Add(-time.Second)
	if _, _, err := tokens.Issue(claims); err == nil {
		t.Error("a limit in the past must be refused")
	}
}
