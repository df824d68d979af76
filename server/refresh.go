package server

import (
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/models"
)

// The refresh cookie keeps a browser signed in across tabs and reloads while
// its bearer tokens stay short-lived. It is sent only to the refresh
// endpoints (its path), never to /graphql or the exports, which keep
// authenticating by bearer token alone.
const (
	refreshCookie = "tanggap_refresh"
	refreshPath   = "/auth/refresh"
	// refreshHeader must accompany every refresh request. A form or a
	// plain cross-site request cannot add a header; a script on another
	// site must ask first (a preflight), which these endpoints never allow.
	refreshHeader = "X-Tanggap-Refresh"
)

// DefaultSessionTTL is how long a browser session lasts at most when the
// configuration does not say.
const DefaultSessionTTL = 12 * time.Hour

// refreshRoutes adds the three refresh endpoints to mux: start (with the
// bearer token of a fresh login), refresh (with the cookie) and end.
func (s *Server) refreshRoutes(mux *http.ServeMux, authn func(http.Handler) http.Handler) {
	mux.Handle("POST "+refreshPath+"/start", sameSiteOnly(authn(http.HandlerFunc(s.startRefresh))))
	mux.Handle("POST "+refreshPath, sameSiteOnly(http.HandlerFunc(s.refresh)))
	mux.Handle("POST "+refreshPath+"/end", sameSiteOnly(http.HandlerFunc(s.endRefresh)))
}

// sameSiteOnly refuses a refresh request that lacks the custom header or
// that the browser says comes from another site.
func sameSiteOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		site := r.Header.Get("Sec-Fetch-Site")
		if r.Header.Get(refreshHeader) != "1" || (site != "" && site != "same-origin") || !sameOrigin(r) {
			writeError(w, r, models.Errorf(models.EFORBIDDEN,
				"Permintaan sesi ditolak: hanya aplikasi Tanggap sendiri yang boleh memperbarui sesi."))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// sameOrigin reports whether an Origin header, when there is one, names the
// host the request was sent to.
func sameOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	_, host, ok := strings.Cut(origin, "://")
	return ok && strings.EqualFold(host, r.Host)
}

// startRefresh gives the session of a fresh login its first refresh token.
func (s *Server) startRefresh(w http.ResponseWriter, r *http.Request) {
	if models.UserFromContext(r.Context()) == nil {
		unauthorized(w, r)
		return
	}
	token, hash := auth.NewRefreshToken()
	session, err := s.cfg.Refresh.StartRefresh(r.Context(), hash, s.cfg.SessionTTL)
	if err != nil {
		s.refreshFailed(w, r, err)
		return
	}
	s.setRefreshCookie(w, r, token, session.ExpiresAt)
	writeJSON(w, http.StatusOK, map[string]any{"sessionExpiresAt": session.ExpiresAt.UTC()})
}

// refresh exchanges the cookie's refresh token for the next one and a new
// bearer token of the same session.
func (s *Server) refresh(w http.ResponseWriter, r *http.Request) {
	hash := ""
	if c, err := r.Cookie(refreshCookie); err == nil {
		hash = auth.HashRefreshToken(c.Value)
	}
	if hash == "" {
		s.refreshFailed(w, r, models.Errorf(models.EUNAUTHENTICATED, "Belum masuk di peramban ini. Silakan masuk."))
		return
	}
	next, nextHash := auth.NewRefreshToken()
	user, session, err := s.cfg.Refresh.RotateRefresh(r.Context(), hash, nextHash)
	if err != nil {
		s.refreshFailed(w, r, err)
		return
	}
	access, expiresAt, err := s.cfg.Tokens.Issue(auth.Claims{
		UserID: user.ID, TokenVersion: user.TokenVersion, Role: string(user.Role), SessionID: session.ID, ExpiresAt: session.ExpiresAt,
	})
	if err != nil {
		s.refreshFailed(w, r, models.Internal(err))
		return
	}
	s.setRefreshCookie(w, r, next, session.ExpiresAt)
	writeJSON(w, http.StatusOK, map[string]any{"token": access, "expiresAt": expiresAt, "sessionExpiresAt": session.ExpiresAt.UTC()})
}

// endRefresh ends the cookie's session and removes the cookie.
func (s *Server) endRefresh(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(refreshCookie); err == nil {
		if hash := auth.HashRefreshToken(c.Value); hash != "" {
			if err := s.cfg.Refresh.EndRefresh(r.Context(), hash); err != nil {
				s.refreshFailed(w, r, err)
				return
			}
		}
	}
	s.clearRefreshCookie(w, r)
	w.WriteHeader(http.StatusNoContent)
}

// refreshFailed answers a refresh request that did not succeed. A session
// that is over loses its cookie; when the database could not answer, the
// cookie stays and the client is told to retry.
func (s *Server) refreshFailed(w http.ResponseWriter, r *http.Request, err error) {
	switch models.ErrorCode(err) {
	case models.EUNAUTHENTICATED:
		s.clearRefreshCookie(w, r)
	case models.EINTERNAL:
		slog.ErrorContext(r.Context(), "session refresh failed", "request_id", models.RequestIDFromContext(r.Context()), "err", err)
		err = errUnavailable
	}
	writeError(w, r, err)
}

func (s *Server) setRefreshCookie(w http.ResponseWriter, r *http.Request, token string, until time.Time) {
	http.SetCookie(w, &http.Cookie{
		Name:     refreshCookie,
		Value:    token,
		Path:     refreshPath,
		MaxAge:   max(1, int(until.Sub(s.cfg.Now()).Seconds())),
		HttpOnly: true,
		Secure:   s.secureCookies(r),
		SameSite: http.SameSiteStrictMode,
	})
}

func (s *Server) clearRefreshCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{
		Name: refreshCookie, Value: "", Path: refreshPath, MaxAge: -1,
		HttpOnly: true, Secure: s.secureCookies(r), SameSite: http.SameSiteStrictMode,
	})
}

// secureCookies reports whether the cookie may be marked Secure: over
// HTTPS, and on a loopback host, which browsers treat as secure even over
// plain HTTP. A demo opened at a network address over plain HTTP gets a
// cookie without the flag, since the browser would drop a Secure one.
func (s *Server) secureCookies(r *http.Request) bool {
	if r.TLS != nil || (s.cfg.TrustProxy && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")) {
		return true
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(r.Host); err == nil {
		host = h
	}
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}
