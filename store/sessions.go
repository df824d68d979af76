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

// sessionRetention is how long a session stays in the table after it
// expired, so the table does not grow with every login for ever.
const sessionRetention = 30 * 24 * time.Hour

// defaultSessionTTL is used when a login does not say how long its session
// lasts.
const defaultSessionTTL = 2 * time.Hour

// openSession records a new session of user inside tx and drops the user's
// sessions that expired long ago.
func (db *DB) openSession(ctx context.Context, tx bun.Tx, user *models.User, login models.Login, now time.Time) (*models.Session, error) {
	ttl := login.SessionTTL
	if ttl <= 0 {
		ttl = defaultSessionTTL
	}
	session := &models.Session{
		ID:          models.NewSessionID(),
		UserID:      user.ID,
		CreatedAt:   now,
		ExpiresAt:   now.Add(ttl),
		Device:      login.Device,
		AddressHash: db.submitterHash(models.ClientAddrFromContext(ctx)),
	}
	if _, err := tx.NewInsert().Model(session).Exec(ctx); err != nil {
		return nil, fmt.Errorf("insert session: %w", err)
	}
	_, err := tx.NewDelete().
		Model((*models.Session)(nil)).
		Where("user_id = ?", user.ID).
		Where("expires_at < ?", now.Add(-sessionRetention)).
		Exec(ctx)
	if err != nil {
		return nil, fmt.Errorf("prune sessions: %w", err)
	}
	return session, nil
}

// revokeSessions ends every live session of a user inside tx, when a
// password or role change or a deactivation revokes its tokens anyway, so
// that the user's list of sessions tells the truth.
func revokeSessions(ctx context.Context, tx bun.Tx, userID int64, now time.Time) error {
	_, err := tx.NewUpdate().
		Model((*models.Session)(nil)).
		Set("revoked_at = ?", now).
		Where("user_id = ?", userID).
		Where("revoked_at IS NULL").
		Where("expires_at > ?", now).
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("revoke sessions: %w", err)
	}
	return nil
}

// SessionUser returns the account and the session a token names, read in
// one query by the session's primary key. ENOTFOUND when the session does
// not exist or belongs to another account.
func (db *DB) SessionUser(ctx context.Context, userID int64, sessionID string) (*models.User, *models.Session, error) {
	// Every signed-in request asks: the statement is prepared once per
	// connection, not written, parsed and planned every time.
	session := new(models.Session)
	err := db.selectPrepared(ctx, "sessionUser", func() *bun.SelectQuery {
		p := db.newParams()
		return db.bun.NewSelect().Model((*models.Session)(nil)).Relation("User").
			Where("?TableAlias.id = ?", p.value(sessionID)).
			Where("?TableAlias.user_id = ?", p.value(userID))
	}, session, sessionID, userID)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && session.User == nil) {
		return nil, nil, notFound("Sesi")
	} else if err != nil {
		return nil, nil, wrapErr(err)
	}
	return session.User, session, nil
}

// MySessions lists the caller's live sessions, newest first. Any signed-in
// staff member; EUNAUTHENTICATED otherwise.
func (db *DB) MySessions(ctx context.Context) ([]*models.Session, error) {
	user := models.UserFromContext(ctx)
	if user == nil {
		return nil, models.Errorf(models.EUNAUTHENTICATED, "Silakan masuk terlebih dahulu")
	}
	var sessions []*models.Session
	err := db.bun.NewSelect().
		Model(&sessions).
		Where("user_id = ?", user.ID).
		Where("revoked_at IS NULL").
		Where("expires_at > ?", db.now()).
		OrderExpr("created_at DESC, id ASC").
		Limit(models.MaxListedSessions).
		Scan(ctx)
	return sessions, wrapErr(err)
}

// Logout ends the session of the caller's token and records it in the audit
// log. Any signed-in staff member; EUNAUTHENTICATED otherwise.
func (db *DB) Logout(ctx context.Context) (*models.Session, error) {
	id := models.SessionIDFromContext(ctx)
	if models.UserFromContext(ctx) == nil || id == "" {
		return nil, models.Errorf(models.EUNAUTHENTICATED, "Silakan masuk terlebih dahulu")
	}
	return db.endSession(ctx, id, "auth.logout")
}

// EndSession ends one of the caller's live sessions, for example one left
// open on another computer, and records it in the audit log. ENOTFOUND for a
// session that is not the caller's or has already ended.
func (db *DB) EndSession(ctx context.Context, id string) (*models.Session, error) {
	if models.UserFromContext(ctx) == nil {
		return nil, models.Errorf(models.EUNAUTHENTICATED, "Silakan masuk terlebih dahulu")
	}
	return db.endSession(ctx, id, "auth.session_end")
}

func (db *DB) endSession(ctx context.Context, id, action string) (*models.Session, error) {
	user := models.UserFromContext(ctx)
	session := new(models.Session)
	err := db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		err := db.forUpdate(tx.NewSelect().
			Model(session).
			Where("id = ?", id).
			Where("user_id = ?", user.ID)).
			Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !session.Live(now)) {
			return notFound("Sesi")
		} else if err != nil {
			return err
		}
		session.RevokedAt = &now
		if _, err := tx.NewUpdate().Model(session).Column("revoked_at").WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("end session: %w", err)
		}
		return db.appendAudit(ctx, tx, user, now, models.AuditRecord{
			Action: action, Subject: userSubject(user), Changes: map[string]any{"session": session.ID},
		})
	})
	if err != nil {
		return nil, err
	}
	return session, nil
}
