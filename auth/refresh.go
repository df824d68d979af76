package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// refreshTokenBytes is the randomness of a refresh token: 256 bits.
const refreshTokenBytes = 32

// NewRefreshToken returns a fresh random refresh token and the hash under
// which the store keeps it. The token itself is never stored.
func NewRefreshToken() (token, hash string) {
	b := make([]byte, refreshTokenBytes)
	// crypto/rand.Read never returns an error: it aborts the program if the
	// system's randomness source fails.
	_, _ = rand.Read(b)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashRefreshToken(token)
}

// HashRefreshToken returns the stored form of a refresh token, or "" when
// token does not have the form NewRefreshToken gives, so that anything else
// is refused before the database is asked.
func HashRefreshToken(token string) string {
	if len(token) != base64.RawURLEncoding.EncodedLen(refreshTokenBytes) {
		return ""
	}
	if _, err := base64.RawURLEncoding.Strict().DecodeString(token); err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
