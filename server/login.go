package server

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/graph/model"
	"github.com/kotabaru/tanggap/models"
)

// maxAccountKeyBytes bounds the e-mail kept as a throttle key: no real
// address is longer, and a longer string is a failure all the same.
const maxAccountKeyBytes = 254

// login checks the credentials unless failed attempts on the account or
// from the address ask for a wait, opens a session and issues a token for
// it. Only failures count against later attempts; a success forgets the
// account's.
func (s *Server) login(ctx context.Context, in models.Login) (*model.LoginPayload, error) {
	account := strings.ToLower(strings.TrimSpace(in.Email))
	if len(account) > maxAccountKeyBytes {
		account = account[:maxAccountKeyBytes]
	}
	attempt, wait := s.cfg.LoginThrottle.Begin(account, models.ClientAddrFromContext(ctx))
	if attempt == nil {
		s.metrics.RateLimited.WithLabelValues("login").Inc()
		return nil, loginThrottled(wait)
	}
	in.Device = auth.DescribeDevice(models.UserAgentFromContext(ctx))
	in.SessionTTL = s.cfg.Tokens.TTL()
	user, session, err := s.cfg.Services.Users.Authenticate(ctx, in)
	switch models.ErrorCode(err) {
	case "":
		attempt.Succeeded()
	case models.EUNAUTHENTICATED:
		attempt.Failed()
	default:
		// The password was not checked (busy server, database error): the
		// attempt says nothing about the caller.
		attempt.Abandon()
	}
	if err != nil {
		return nil, err
	}
	token, expiresAt, err := s.cfg.Tokens.Issue(auth.Claims{
		UserID: user.ID, TokenVersion: user.TokenVersion, Role: string(user.Role), SessionID: session.ID,
	})
	if err != nil {
		return nil, models.Internal(err)
	}
	return &model.LoginPayload{Token: token, ExpiresAt: expiresAt, User: user}, nil
}

// loginThrottled is the error of a login that must wait, telling the real
// wait in whole seconds (Retry-After) and in words.
func loginThrottled(wait time.Duration) error {
	seconds := max(int(math.Ceil(wait.Seconds())), 1)
	when := fmt.Sprintf("%d detik", seconds)
	if seconds >= 60 {
		when = fmt.Sprintf("%d menit", (seconds+59)/60)
	}
	return &models.Error{Code: models.ERATELIMITED, RetryAfterSeconds: seconds,
		Message: "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam " + when + "."}
}
