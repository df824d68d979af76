package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

func sessionOver() error {
	return models.Errorf(models.EUNAUTHENTICATED, "Sesi sudah berakhir. Silakan masuk kembali.")
}

// StartRefresh records the first refresh token of the caller's session and
// lets the session last ttl from now. A session gets one chain only: a
// bearer token that leaked later cannot start a second one.
func (db *DB) StartRefresh(ctx context.Context, hash string, ttl time.Duration) (*models.Session, error) {
	user := models.UserFromContext(ctx)
	id := models.SessionIDFromContext(ctx)
	if user == nil || id == "" {
		return nil, models.Errorf(models.EUNAUTHENTICATED, "Silakan masuk terlebih dahulu")
	}
	session := new(models.Session)
	err := db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		err := db.forUpdate(tx.NewSelect().
			Model(session).
			Where("id = ?", id).
			Where("user_id = ?", user.ID)).
			Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !session.Live(now)) {
			return sessionOver()
		} else if err != nil {
			return err
		}
		started, err := tx.NewSelect().Model((*models.RefreshToken)(nil)).Where("session_id = ?", id).Count(ctx)
		if err != nil {
			return fmt.Errorf("count refresh tokens: %w", err)
		}
		if started > 0 {
			return models.Errorf(models.ECONFLICT, "Sesi ini sudah disimpan di peramban")
		}
		token := &models.RefreshToken{Hash: hash, SessionID: id, CreatedAt: now}
		if _, err := tx.NewInsert().Model(token).Exec(ctx); err != nil {
			return fmt.Errorf("insert refresh token: %w", err)
		}
		if until := now.Add(ttl); until.After(session.ExpiresAt) {
			session.ExpiresAt = until
			if _, err := tx.NewUpdate().Model(session).Column("expires_at").WherePK().Exec(ctx); err != nil {
				return fmt.Errorf("extend session: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return session, nil
}

// RotateRefresh exchanges a refresh token for the next one of its chain.
// A token that was exchanged before is a copy in someone else's hands (or
// the original, stolen after its owner moved on): its session ends, which
// makes every token of the chain and every bearer token of the session
// useless, and the audit log records it.
func (db *DB) RotateRefresh(ctx context.Context, oldHash, newHash string) (*models.User, *models.Session, error) {
	var user *models.User
	session := new(models.Session)
	reused := false
	err := db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		reused = false
		token := new(models.RefreshToken)
		err := tx.NewSelect().Model(token).Where("hash = ?", oldHash).Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) {
			return sessionOver()
		} else if err != nil {
			return fmt.Errorf("read refresh token: %w", err)
		}
		if err := db.lockSessionWithUser(ctx, tx, session, "id = ?", token.SessionID); err != nil {
			return err
		}
		user = session.User
		if !session.Live(now) || !user.Active {
			return sessionOver()
		}
		// Only one exchange of a token can win, even when two arrive at once.
		res, err := tx.NewUpdate().
			Model((*models.RefreshToken)(nil)).
			Set("used_at = ?", now).
			Where("hash = ?", oldHash).
			Where("used_at IS NULL").
			Exec(ctx)
		if err != nil {
			return fmt.Errorf("use refresh token: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			reused = true
			return db.revokeForRefresh(ctx, tx, session, now, "auth.refresh_reuse")
		}
		next := &models.RefreshToken{Hash: newHash, SessionID: session.ID, CreatedAt: now}
		if _, err := tx.NewInsert().Model(next).Exec(ctx); err != nil {
			return fmt.Errorf("insert refresh token: %w", err)
		}
		return nil
	})
	switch {
	case err != nil:
		return nil, nil, err
	case reused:
		return nil, nil, sessionOver()
	}
	return user, session, nil
}

// EndRefresh ends the session of a refresh token, as signing out does.
func (db *DB) EndRefresh(ctx context.Context, hash string) error {
	return db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		session := new(models.Session)
		err := db.lockSessionWithUser(ctx, tx, session, "id = (SELECT session_id FROM refresh_tokens WHERE hash = ?)", hash)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !session.Live(now)) {
			return nil
		} else if err != nil {
			return err
		}
		return db.revokeForRefresh(ctx, tx, session, now, "auth.logout")
	})
}

// lockSessionWithUser loads the session that where selects, locked for the
// rest of tx, and its account.
func (db *DB) lockSessionWithUser(ctx context.Context, tx bun.Tx, session *models.Session, where string, args ...any) error {
	if err := db.forUpdate(tx.NewSelect().Model(session).Where(where, args...)).Scan(ctx); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return err
		}
		return fmt.Errorf("read session of refresh token: %w", err)
	}
	session.User = new(models.User)
	if err := tx.NewSelect().Model(session.User).Where("id = ?", session.UserID).Scan(ctx); err != nil {
		return fmt.Errorf("read account of session: %w", err)
	}
	return nil
}

// revokeForRefresh ends a session and records why.
func (db *DB) revokeForRefresh(ctx context.Context, tx bun.Tx, session *models.Session, now time.Time, action string) error {
	session.RevokedAt = &now
	if _, err := tx.NewUpdate().Model(session).Column("revoked_at").WherePK().Exec(ctx); err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return db.appendAudit(ctx, tx, session.User, now, models.AuditRecord{
		Action: action, Subject: userSubject(session.User), Changes: map[string]any{"session": session.ID},
	})
}
