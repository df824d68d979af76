package models

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"time"

	"github.com/uptrace/bun"
)

// Session is one sign-in of a staff member: the bearer token issued at login
// names it, so it can be ended before the token expires. It keeps no network
// address in clear, only a keyed hash of it.
type Session struct {
	bun.BaseModel `bun:"table:sessions"`

	ID          string     `bun:"id,pk"`
	UserID      int64      `bun:"user_id,notnull"`
	CreatedAt   time.Time  `bun:"created_at,notnull"`
	ExpiresAt   time.Time  `bun:"expires_at,notnull"`
	RevokedAt   *time.Time `bun:"revoked_at"`
	Device      string     `bun:"device,notnull"`
	AddressHash string     `bun:"address_hash,notnull"`

	// User is loaded with the session when the token middleware checks it.
	User *User `bun:"rel:belongs-to,join:user_id=id"`
}

// Live reports whether the session may still be used at now.
func (s *Session) Live(now time.Time) bool {
	return s != nil && s.RevokedAt == nil && now.Before(s.ExpiresAt)
}

// NewSessionID returns a fresh random session id: 128 bits in URL-safe
// base64, 22 characters.
func NewSessionID() string {
	id := make([]byte, 16)
	// crypto/rand.Read never returns an error: it aborts the program if the
	// system's randomness source fails.
	_, _ = rand.Read(id)
	return base64.RawURLEncoding.EncodeToString(id)
}

// MaxListedSessions bounds the sessions MySessions returns.
const MaxListedSessions = 50

// SessionService opens, checks and ends staff sessions.
type SessionService interface {
	// SessionUser returns the account and the session a token names, for the
	// token middleware. ENOTFOUND when either does not exist or the session
	// belongs to another account; any other error means the database could
	// not answer.
	SessionUser(ctx context.Context, userID int64, sessionID string) (*User, *Session, error)
	// Logout ends the caller's current session. Any signed-in staff member;
	// EUNAUTHENTICATED otherwise.
	Logout(ctx context.Context) (*Session, error)
	// EndSession ends one of the caller's own live sessions. ENOTFOUND for a
	// session that is not the caller's or is no longer live.
	EndSession(ctx context.Context, id string) (*Session, error)
	// MySessions lists the caller's live sessions, newest first, at most
	// MaxListedSessions.
	MySessions(ctx context.Context) ([]*Session, error)
}

// RefreshToken is one link of a browser session's chain of refresh tokens.
// Only the SHA-256 of the token is stored. Each use exchanges it for a new
// one; a token used a second time means someone else holds a copy, so the
// whole session is ended.
type RefreshToken struct {
	bun.BaseModel `bun:"table:refresh_tokens"`

	Hash      string     `bun:"hash,pk"`
	SessionID string     `bun:"session_id,notnull"`
	CreatedAt time.Time  `bun:"created_at,notnull"`
	UsedAt    *time.Time `bun:"used_at"`
}

// RefreshService keeps a browser signed in with a refresh token kept in a
// cookie, while its bearer tokens stay short-lived. The store sees only
// hashes of the tokens.
type RefreshService interface {
	// StartRefresh records the first refresh token of the caller's current
	// session and lets the session last ttl from now. A session gets one
	// chain of refresh tokens only, right after its login: ECONFLICT when it
	// already has one, EUNAUTHENTICATED without a live session.
	StartRefresh(ctx context.Context, hash string, ttl time.Duration) (*Session, error)
	// RotateRefresh exchanges the refresh token with hash oldHash for one
	// with hash newHash and returns the account and its session.
	// EUNAUTHENTICATED when the token is unknown, its session is no longer
	// live or the account is inactive; a token that was already exchanged
	// ends its session (and so every token of the chain) and is refused
	// with EUNAUTHENTICATED too.
	RotateRefresh(ctx context.Context, oldHash, newHash string) (*User, *Session, error)
	// EndRefresh ends the session of a refresh token, as a sign-out does.
	// It succeeds when the token is unknown or its session already ended.
	EndRefresh(ctx context.Context, hash string) error
}
