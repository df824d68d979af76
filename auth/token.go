package auth

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Token limits and tolerances.
const (
	// MinSecretBytes is the shortest signing key NewTokens accepts.
	MinSecretBytes = 32
	// MaxTokenBytes is the longest token Verify will parse; anything longer
	// is refused before any decoding.
	MaxTokenBytes = 4096
	// Leeway is the clock skew tolerated on exp, nbf and iat.
	Leeway = 30 * time.Second
)

// ErrInvalidToken is the only error Verify returns. It deliberately says
// nothing about why a token was refused.
var ErrInvalidToken = errors.New("invalid token")

// Claims is what a token says about its bearer. The token version must still
// be compared with the user's current one in the database: a password change
// or deactivation increments it and so revokes every earlier token. The
// session must still be live in the database too: logging out ends it.
type Claims struct {
	UserID       int64
	TokenVersion int
	Role         string
	// SessionID names the session the login opened ("sid").
	SessionID string
	ExpiresAt time.Time
	IssuedAt  time.Time
}

// Tokens issues and verifies HS256-signed JWTs for one issuer and audience.
// It is safe for concurrent use once configured.
type Tokens struct {
	secret   []byte
	issuer   string
	audience string
	ttl      time.Duration
	leeway   time.Duration
	now      func() time.Time
}

// tokenClaims is the JSON payload of a token: the registered claims plus the
// token version ("ver"), the role ("role") and the session ("sid").
type tokenClaims struct {
	Version   *int   `json:"ver,omitempty"`
	Role      string `json:"role,omitempty"`
	SessionID string `json:"sid,omitempty"`
	jwt.RegisteredClaims
}

// validSessionID reports whether id has the form of a session id: 16 to 64
// URL-safe base64 characters.
func validSessionID(id string) bool {
	if len(id) < 16 || len(id) > 64 {
		return false
	}
	for _, c := range id {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// NewTokens returns a Tokens that signs with secret and issues tokens valid
// for ttl. The secret must be at least MinSecretBytes long; issuer and
// audience must not be empty, because an empty expected value would switch
// the corresponding check off.
func NewTokens(secret []byte, issuer, audience string, ttl time.Duration) (*Tokens, error) {
	switch {
	case len(secret) < MinSecretBytes:
		return nil, fmt.Errorf("auth: signing secret must be at least %d bytes, got %d", MinSecretBytes, len(secret))
	case issuer == "":
		return nil, errors.New("auth: token issuer must not be empty")
	case audience == "":
		return nil, errors.New("auth: token audience must not be empty")
	case ttl <= 0:
		return nil, errors.New("auth: token lifetime must be positive")
	}
	return &Tokens{
		secret:   append([]byte(nil), secret...),
		issuer:   issuer,
		audience: audience,
		ttl:      ttl,
		leeway:   Leeway,
		now:      time.Now,
	}, nil
}

// SetClock replaces the clock used to stamp and check tokens; nil restores
// the system clock. It is meant for tests and must be called before the
// Tokens is shared between goroutines.
func (t *Tokens) SetClock(now func() time.Time) {
	if now == nil {
		now = time.Now
	}
	t.now = now
}

// Issue returns a signed token for c and the time it expires. The UserID must
// be positive, the TokenVersion not negative, the Role not empty and the
// SessionID a session id (see models.NewSessionID). The token lives for the
// configured lifetime, or until c.ExpiresAt when that is set and earlier (the
// end of its session); c.IssuedAt is ignored, as Issue sets it from its
// clock. Every token gets a random id (jti).
func (t *Tokens) Issue(c Claims) (token string, expiresAt time.Time, err error) {
	switch {
	case c.UserID <= 0:
		return "", time.Time{}, errors.New("auth: token user id must be positive")
	case c.TokenVersion < 0:
		return "", time.Time{}, errors.New("auth: token version must not be negative")
	case c.Role == "":
		return "", time.Time{}, errors.New("auth: token role must not be empty")
	case !validSessionID(c.SessionID):
		return "", time.Time{}, errors.New("auth: token session id is malformed")
	}
	id := make([]byte, 16)
	if _, err := rand.Read(id); err != nil {
		return "", time.Time{}, fmt.Errorf("auth: reading token id: %w", err)
	}
	// NumericDate has whole seconds; truncating here makes the returned
	// expiry exactly the one in the token.
	now := t.now().UTC().Truncate(time.Second)
	expiresAt = now.Add(t.ttl)
	if limit := c.ExpiresAt.UTC().Truncate(time.Second); !c.ExpiresAt.IsZero() && limit.Before(expiresAt) {
		if !limit.After(now) {
			return "", time.Time{}, errors.New("auth: token would expire before it is issued")
		}
		expiresAt = limit
	}
	version := c.TokenVersion
	claims := tokenClaims{
		Version:   &version,
		Role:      c.Role,
		SessionID: c.SessionID,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    t.issuer,
			Subject:   strconv.FormatInt(c.UserID, 10),
			Audience:  jwt.ClaimStrings{t.audience},
			ExpiresAt: jwt.NewNumericDate(expiresAt),
			NotBefore: jwt.NewNumericDate(now),
			IssuedAt:  jwt.NewNumericDate(now),
			ID:        base64.RawURLEncoding.EncodeToString(id),
		},
	}
	token, err = jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(t.secret)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("auth: signing token: %w", err)
	}
	return token, expiresAt, nil
}

// Verify checks the signature, algorithm, issuer, audience and times of token
// and returns its claims. It returns ErrInvalidToken for every kind of
// failure. It does not check the token version against the database.
func (t *Tokens) Verify(token string) (Claims, error) {
	if token == "" || len(token) > MaxTokenBytes {
		return Claims{}, ErrInvalidToken
	}
	parser := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(t.issuer),
		jwt.WithAudience(t.audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(t.leeway),
		jwt.WithTimeFunc(t.now),
		jwt.WithStrictDecoding(),
	)
	var claims tokenClaims
	parsed, err := parser.ParseWithClaims(token, &claims, func(parsed *jwt.Token) (any, error) {
		if parsed.Method != jwt.SigningMethodHS256 {
			return nil, ErrInvalidToken
		}
		return t.secret, nil
	})
	if err != nil || !parsed.Valid {
		return Claims{}, ErrInvalidToken
	}
	userID, err := strconv.ParseInt(claims.Subject, 10, 64)
	// Only the canonical decimal form is accepted ("42", not "+42" or "042").
	if err != nil || userID <= 0 || strconv.FormatInt(userID, 10) != claims.Subject {
		return Claims{}, ErrInvalidToken
	}
	if claims.Version == nil || *claims.Version < 0 || claims.Role == "" || !validSessionID(claims.SessionID) ||
		claims.ExpiresAt == nil || claims.IssuedAt == nil {
		return Claims{}, ErrInvalidToken
	}
	return Claims{
		UserID:       userID,
		TokenVersion: *claims.Version,
		Role:         claims.Role,
		SessionID:    claims.SessionID,
		ExpiresAt:    claims.ExpiresAt.UTC(),
		IssuedAt:     claims.IssuedAt.UTC(),
	}, nil
}

// TTL returns the lifetime of the tokens Issue makes.
func (t *Tokens) TTL() time.Duration { return t.ttl }

// GenerateSecret returns a fresh random signing key of MinSecretBytes bytes,
// for tools and tests that need a key of their own.
func GenerateSecret() []byte {
	secret := make([]byte, MinSecretBytes)
	// crypto/rand.Read never returns an error; it aborts the program if the
	// system's randomness source fails.
	_, _ = rand.Read(secret)
	return secret
}
