package store

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/mail"
	"github.com/kotabaru/tanggap/models"
)

// SubscribesPerEmail bounds the subscribe calls naming one address per
// hour, whoever makes them: a stranger cannot flood an inbox with
// confirmation mails from many client addresses.
const SubscribesPerEmail = 5

// newFollowToken returns a random token of 256 bits for a confirmation or
// stop link (43 URL-safe characters).
func newFollowToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// tokenHash is how a confirmation token is stored.
func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// emailHash keys an address with the deployment's secret: it groups an
// address's subscriptions and names the address in job arguments without
// revealing it.
func (db *DB) emailHash(email string) string {
	mac := hmac.New(sha256.New, db.addressKey)
	mac.Write([]byte("subscription-email\x00" + email))
	return hex.EncodeToString(mac.Sum(nil))
}

// normalizeFollowSearch folds case and white space, so that the same
// search typed twice is one subscription.
func normalizeFollowSearch(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// followTarget checks that exactly one target is given and returns it,
// with the label a citizen reads and, for the confirmation mail, the
// target's part of the notification.
func (db *DB) followTarget(ctx context.Context, idb bun.IDB, in models.NewSubscription) (*models.SubscribeResult, mail.Notification, error) {
	var n mail.Notification
	given := 0
	for _, v := range []*string{in.IssueNumber, in.AgencySlug, in.Search} {
		if v != nil && strings.TrimSpace(*v) != "" {
			given++
		}
	}
	switch {
	case given == 0:
		return nil, n, models.Invalid("input", "pilih yang ingin diikuti: isi salah satu dari issueNumber, agencySlug, atau search")
	case given > 1:
		return nil, n, models.Invalid("input", "isi hanya salah satu dari issueNumber, agencySlug, atau search")
	}
	switch {
	case in.IssueNumber != nil && strings.TrimSpace(*in.IssueNumber) != "":
		issue, err := issueByNumber(ctx, idb, *in.IssueNumber)
		if err != nil || !issue.IsPublic() {
			if err != nil && models.ErrorCode(err) != models.ENOTFOUND && models.ErrorCode(err) != models.EINVALID {
				return nil, n, err
			}
			return nil, n, models.Invalid("issueNumber", "isu %q tidak ada", strings.TrimSpace(*in.IssueNumber))
		}
		n.Issue = mail.Issue{Number: issue.Number, Title: issue.Title}
		return &models.SubscribeResult{Target: models.FollowIssue, Value: issue.Number, Label: issue.Title}, n, nil
	case in.AgencySlug != nil && strings.TrimSpace(*in.AgencySlug) != "":
		slug := strings.TrimSpace(*in.AgencySlug)
		if err := models.CheckArgument("agencySlug", slug); err != nil {
			return nil, n, err
		}
		agency, err := agencyBySlug(ctx, idb, slug)
		if models.ErrorCode(err) == models.ENOTFOUND {
			return nil, n, models.Invalid("agencySlug", "instansi %q tidak ada", slug)
		} else if err != nil {
			return nil, n, err
		}
		n.Agency = mail.Agency{Slug: agency.Slug, Name: agency.Name}
		return &models.SubscribeResult{Target: models.FollowAgency, Value: agency.Slug, Label: agency.Name}, n, nil
	default:
		search, err := models.RequireText("search", *in.Search, models.MinFollowSearch, models.MaxFollowSearch)
		if err != nil {
			return nil, n, err
		}
		search = normalizeFollowSearch(search)
		if len(searchWords(search)) == 0 {
			return nil, n, models.Invalid("search", "pencarian harus memuat setidaknya satu kata")
		}
		n.Search = search
		return &models.SubscribeResult{Target: models.FollowSearch, Value: search, Label: search}, n, nil
	}
}

// Subscribe stores a pending subscription and enqueues its confirmation
// mail. Anyone may call it; see models.SubscriptionService.
func (db *DB) Subscribe(ctx context.Context, in models.NewSubscription) (*models.SubscribeResult, error) {
	email, err := models.NormalizeEmail("email", in.Email)
	if err != nil {
		return nil, err
	}
	result, n, err := db.followTarget(ctx, db.bun, in)
	if err != nil {
		return nil, err
	}
	now := db.now()
	// Counted in the shared table under an HMAC of the address, so every
	// instance enforces one limit and the address is not written down.
	total, end, err := db.AddAttempts(ctx, "subscribe-email|"+email, 1, now, time.Hour)
	if err != nil {
		return nil, wrapErr(err)
	}
	if total > SubscribesPerEmail {
		seconds := max(1, int(end.Sub(now).Seconds()+0.999))
		return nil, &models.Error{Code: models.ERATELIMITED, RetryAfterSeconds: seconds,
			Message: fmt.Sprintf("Terlalu banyak permintaan langganan untuk alamat e-mail ini. Coba lagi dalam %d detik.", seconds)}
	}
	hash := db.emailHash(email)
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		if err := deleteExpiredSubscriptions(ctx, tx, now); err != nil {
			return err
		}
		sub := new(models.Subscription)
		err := tx.NewSelect().
			Model(sub).
			Where("email_hash = ?", hash).
			Where("target_kind = ?", result.Target).
			Where("target_value = ?", result.Value).
			Scan(ctx)
		confirm := newFollowToken()
		// The audit log records that a follow was asked for and of what,
		// never by whom: the address is personal data.
		audit := models.AuditRecord{Action: "subscription.request", Subject: "subscription:" + strings.ToLower(string(result.Target)),
			Changes: map[string]any{"target": result.Target, "value": result.Value}}
		switch {
		case err == nil && sub.ConfirmedAt != nil:
			// Already following: nothing to confirm, nothing to send.
			return db.appendAudit(ctx, tx, nil, now, audit)
		case err == nil:
			// Pending: a fresh link, the old one stops working.
			sub.ConfirmTokenHash, sub.CreatedAt = tokenHash(confirm), now
			if _, err := tx.NewUpdate().Model(sub).Column("confirm_token_hash", "created_at").WherePK().Exec(ctx); err != nil {
				return fmt.Errorf("renew subscription: %w", err)
			}
		case errors.Is(err, sql.ErrNoRows):
			sub = &models.Subscription{Email: email, EmailHash: hash, TargetKind: result.Target, TargetValue: result.Value,
				ConfirmTokenHash: tokenHash(confirm), StopToken: newFollowToken(), CreatedAt: now}
			if _, err := tx.NewInsert().Model(sub).Exec(ctx); err != nil {
				return fmt.Errorf("insert subscription: %w", err)
			}
		default:
			return err
		}
		n.Kind, n.To, n.StopToken, n.ConfirmToken = mail.KindConfirm, email, sub.StopToken, confirm
		if err := db.enqueueMail(ctx, tx, n); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, nil, now, audit)
	})
	if err != nil {
		return nil, err
	}
	return result, nil
}

// deleteExpiredSubscriptions deletes, addresses and all, the subscriptions
// nobody confirmed in time.
func deleteExpiredSubscriptions(ctx context.Context, tx bun.Tx, now time.Time) error {
	_, err := tx.NewDelete().
		Model((*models.Subscription)(nil)).
		Where("confirmed_at IS NULL").
		Where("created_at < ?", now.Add(-models.SubscriptionConfirmWindow)).
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("delete expired subscriptions: %w", err)
	}
	return nil
}

// ConfirmSubscription activates the subscription of a confirmation token.
// Anyone may call it; see models.SubscriptionService.
func (db *DB) ConfirmSubscription(ctx context.Context, token string) (*models.SubscribeResult, error) {
	unknown := models.Errorf(models.ENOTFOUND, "Tautan konfirmasi tidak dikenal atau sudah kedaluwarsa. Silakan daftar ulang.")
	token = strings.TrimSpace(token)
	if token == "" || len(token) > 128 {
		return nil, unknown
	}
	sub := new(models.Subscription)
	err := db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		err := tx.NewSelect().Model(sub).Where("confirm_token_hash = ?", tokenHash(token)).Scan(ctx)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return unknown
		case err != nil:
			return err
		case sub.ConfirmedAt != nil:
			return nil
		case !sub.CreatedAt.After(now.Add(-models.SubscriptionConfirmWindow)):
			return unknown
		}
		sub.ConfirmedAt = &now
		if _, err := tx.NewUpdate().Model(sub).Column("confirmed_at").WherePK().Exec(ctx); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, nil, now, models.AuditRecord{Action: "subscription.confirm",
			Subject: "subscription:" + strings.ToLower(string(sub.TargetKind)),
			Changes: map[string]any{"target": sub.TargetKind, "value": sub.TargetValue}})
	})
	if err != nil {
		return nil, err
	}
	return db.describeTarget(ctx, sub), nil
}

// describeTarget names a subscription's target for the confirmation page.
func (db *DB) describeTarget(ctx context.Context, sub *models.Subscription) *models.SubscribeResult {
	result := &models.SubscribeResult{Target: sub.TargetKind, Value: sub.TargetValue, Label: sub.TargetValue}
	switch sub.TargetKind {
	case models.FollowIssue:
		if issue, err := issueByNumber(ctx, db.bun, sub.TargetValue); err == nil && issue.IsPublic() {
			result.Label = issue.Title
		}
	case models.FollowAgency:
		if agency, err := agencyBySlug(ctx, db.bun, sub.TargetValue); err == nil {
			result.Label = agency.Name
		}
	}
	return result
}

// Unsubscribe stops every subscription of the address a stop token was
// mailed to, deleting the address, or the mail of the question whose stop
// token it is. Anyone may call it; see models.SubscriptionService.
func (db *DB) Unsubscribe(ctx context.Context, token string) (bool, error) {
	token = strings.TrimSpace(token)
	if token == "" || len(token) > 128 {
		return false, nil
	}
	found := false
	err := db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		sub := new(models.Subscription)
		err := tx.NewSelect().Model(sub).Column("id", "email", "email_hash").Where("stop_token = ?", token).Scan(ctx)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return nil
		case err != nil:
			return err
		}
		found = true
		// Events first: SQLite enforces the cascade only with foreign keys
		// on, and nothing of the address may stay behind.
		if _, err := tx.NewDelete().
			TableExpr("subscription_events").
			Where("subscription_id IN (?)", tx.NewSelect().Model((*models.Subscription)(nil)).Column("id").Where("email_hash = ?", sub.EmailHash)).
			Exec(ctx); err != nil {
			return fmt.Errorf("delete subscription events: %w", err)
		}
		if _, err := tx.NewDelete().Model((*models.Subscription)(nil)).Where("email_hash = ?", sub.EmailHash).Exec(ctx); err != nil {
			return fmt.Errorf("delete subscriptions: %w", err)
		}
		// Follower mail not sent yet is dropped with its address.
		if _, err := tx.NewUpdate().Model((*mailRow)(nil)).
			Set("failed_at = ?", now).Set("last_error = ?", mailStopped).
			Set("recipient = ''").Set("payload = '{}'").
			Where("recipient = ?", sub.Email).Where("question_id IS NULL").
			Where("sent_at IS NULL").Where("failed_at IS NULL").
			Exec(ctx); err != nil {
			return fmt.Errorf("drop follower mail: %w", err)
		}
		return nil
	})
	if err != nil || found {
		return found, err
	}
	return db.StopAskerMail(ctx, token)
}

// SubscriptionStats counts subscriptions per target kind; see
// models.SubscriptionService. AUDITOR and ADMIN only.
func (db *DB) SubscriptionStats(ctx context.Context) ([]models.FollowStat, error) {
	if _, err := requireRole(ctx, models.RoleAuditor, models.RoleAdmin); err != nil {
		return nil, err
	}
	var rows []struct {
		Kind      models.FollowTarget `bun:"target_kind"`
		Confirmed bool                `bun:"confirmed"`
		Count     int                 `bun:"n"`
	}
	err := db.bun.NewSelect().
		Model((*models.Subscription)(nil)).
		ColumnExpr("target_kind").
		ColumnExpr("confirmed_at IS NOT NULL AS confirmed").
		ColumnExpr("count(*) AS n").
		Where("confirmed_at IS NOT NULL OR created_at > ?", db.now().Add(-models.SubscriptionConfirmWindow)).
		GroupExpr("target_kind, confirmed_at IS NOT NULL").
		Scan(ctx, &rows)
	if err != nil {
		return nil, wrapErr(err)
	}
	stats := make([]models.FollowStat, len(models.FollowTargets))
	for i, t := range models.FollowTargets {
		stats[i].Target = t
		for _, r := range rows {
			switch {
			case r.Kind != t:
			case r.Confirmed:
				stats[i].Confirmed += r.Count
			default:
				stats[i].Pending += r.Count
			}
		}
	}
	return stats, nil
}
