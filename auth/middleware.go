package auth

import (
	"context"
	"net/http"
	"strings"

	"github.com/kotabaru/tanggap/models"
)

// UserLoader finds the account a token names.
type UserLoader interface {
	UserByID(ctx context.Context, id int64) (*models.User, error)
}

// Middleware puts the user of a valid bearer token into the request context.
// A request without an Authorization header is anonymous; a request with a
// token that is invalid, expired, revoked (its version is older than the
// account's) or belongs to a deactivated account is refused with 401, so a
// client never mistakes a lost session for public access. Cookies are never
// read: no request is authenticated by the browser on its own.
func Middleware(tokens *Tokens, users UserLoader, unauthorized func(w http.ResponseWriter, r *http.Request)) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			header := r.Header.Get("Authorization")
			if header == "" {
				next.ServeHTTP(w, r)
				return
			}
			// The scheme name is case-insensitive (RFC 7235).
			scheme, token, ok := strings.Cut(header, " ")
			if !ok || !strings.EqualFold(scheme, "Bearer") {
				unauthorized(w, r)
				return
			}
			claims, err := tokens.Verify(strings.TrimSpace(token))
			if err != nil {
				unauthorized(w, r)
				return
			}
			user, err := users.UserByID(r.Context(), claims.UserID)
			if err != nil || !user.Active || user.TokenVersion != claims.TokenVersion || string(user.Role) != claims.Role {
				unauthorized(w, r)
				return
			}
			next.ServeHTTP(w, r.WithContext(models.NewContextWithUser(r.Context(), user)))
		})
	}
}
