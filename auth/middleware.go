package auth

import (
	"context"
	"log/slog"
	"net/http"
	"strings"

	"github.com/kotabaru/tanggap/models"
)

// SessionLoader finds the account and the session a token names.
type SessionLoader interface {
	// SessionUser returns ENOTFOUND when the account or the session does not
	// exist; any other error means the database could not answer.
	SessionUser(ctx context.Context, userID int64, sessionID string) (*models.User, *models.Session, error)
}

// Refusals write the answers of the middleware to requests it does not let
// through.
type Refusals struct {
	// Unauthorized answers a token that is invalid or no longer valid (401).
	Unauthorized func(w http.ResponseWriter, r *http.Request)
	// Unavailable answers when the database could not say whether a token is
	// valid (503 with Retry-After): the session may well be fine, so the
	// client must not throw its token away.
	Unavailable func(w http.ResponseWriter, r *http.Request)
}

// Middleware puts the user of a valid bearer token, and the session it
// names, into the request context. A request without an Authorization header
// is anonymous; a request with a token that is invalid, expired, revoked (its
// version is older than the account's, or its session was ended) or belongs
// to a deactivated account is refused as Unauthorized, so a client never
// mistakes a lost session for public access. When the database fails while
// the token is checked, the request is refused as Unavailable instead.
// Cookies are never read: no request is authenticated by the browser on its
// own. The User-Agent header goes into the context for every request, so a
// login can describe the session's device.
func Middleware(tokens *Tokens, sessions SessionLoader, refuse Refusals) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx := models.NewContextWithUserAgent(r.Context(), r.UserAgent())
			header := r.Header.Get("Authorization")
			if header == "" {
				next.ServeHTTP(w, r.WithContext(ctx))
				return
			}
			// The scheme name is case-insensitive (RFC 7235).
			scheme, token, ok := strings.Cut(header, " ")
			if !ok || !strings.EqualFold(scheme, "Bearer") {
				refuse.Unauthorized(w, r)
				return
			}
			claims, err := tokens.Verify(strings.TrimSpace(token))
			if err != nil {
				refuse.Unauthorized(w, r)
				return
			}
			user, session, err := sessions.SessionUser(ctx, claims.UserID, claims.SessionID)
			switch {
			case models.ErrorCode(err) == models.ENOTFOUND:
				refuse.Unauthorized(w, r)
				return
			case err != nil:
				slog.WarnContext(ctx, "token check failed: database unavailable",
					"request_id", models.RequestIDFromContext(ctx), "err", err)
				refuse.Unavailable(w, r)
				return
			}
			if !user.Active || user.TokenVersion != claims.TokenVersion || string(user.Role) != claims.Role ||
				session.UserID != user.ID || session.RevokedAt != nil {
				refuse.Unauthorized(w, r)
				return
			}
			ctx = models.NewContextWithSessionID(models.NewContextWithUser(ctx, user), session.ID)
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}
