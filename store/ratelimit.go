package store

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// The rate-limit counts of every instance, one row per key (see package
// ratelimit's Store). Keys hold client addresses, so only their HMAC under
// the deployment's address key is written: instances configured with the
// same secret find each other's rows, and nobody can read an address back.

// addAttemptsSQL opens a new window when the key has none or its window has
// ended, and adds to the open one otherwise, in one atomic statement: the
// row lock of the upsert orders concurrent instances, so no attempt is lost.
const addAttemptsSQL = `INSERT INTO rate_limits AS r (key_hash, window_start, window_end, attempts)
VALUES (?, ?, ?, ?)
ON CONFLICT (key_hash) DO UPDATE SET
    attempts = CASE WHEN r.window_end <= ? THEN excluded.attempts ELSE r.attempts + excluded.attempts END,
    window_start = CASE WHEN r.window_end <= ? THEN excluded.window_start ELSE r.window_start END,
    window_end = CASE WHEN r.window_end <= ? THEN excluded.window_end ELSE r.window_end END
RETURNING attempts, window_end`

// AddAttempts adds n attempts to key's rate-limit window and returns the
// window's total and end; a key without an open window starts one at now,
// lasting length. Only an error of the database is returned, unwrapped: the
// caller falls back to counting in memory.
func (db *DB) AddAttempts(ctx context.Context, key string, n int, now time.Time, length time.Duration) (int, time.Time, error) {
	start := now.UnixMilli()
	end := now.Add(length).UnixMilli()
	var total int
	var windowEnd int64
	err := db.bun.NewRaw(addAttemptsSQL, db.rateLimitKey(key), start, end, n, start, start, start).
		Scan(ctx, &total, &windowEnd)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("add rate-limit attempts: %w", err)
	}
	return total, time.UnixMilli(windowEnd), nil
}

// Attempts returns the total of key's rate-limit window open at now, zero
// when there is none.
func (db *DB) Attempts(ctx context.Context, key string, now time.Time) (int, time.Time, error) {
	var total int
	var windowEnd int64
	err := db.bun.NewSelect().
		Table("rate_limits").
		Column("attempts", "window_end").
		Where("key_hash = ?", db.rateLimitKey(key)).
		Where("window_end > ?", now.UnixMilli()).
		Scan(ctx, &total, &windowEnd)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, time.Time{}, nil
	case err != nil:
		return 0, time.Time{}, fmt.Errorf("read rate-limit attempts: %w", err)
	}
	return total, time.UnixMilli(windowEnd), nil
}

// ResetAttempts forgets key's rate-limit window.
func (db *DB) ResetAttempts(ctx context.Context, key string) error {
	_, err := db.bun.NewDelete().
		Table("rate_limits").
		Where("key_hash = ?", db.rateLimitKey(key)).
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("reset rate-limit attempts: %w", err)
	}
	return nil
}

// PruneAttempts deletes the rate-limit windows that ended at or before now
// and returns how many there were.
func (db *DB) PruneAttempts(ctx context.Context, now time.Time) (int64, error) {
	res, err := db.bun.NewDelete().
		Table("rate_limits").
		Where("window_end <= ?", now.UnixMilli()).
		Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("prune rate-limit windows: %w", err)
	}
	return res.RowsAffected()
}

// rateLimitKey is the HMAC of a rate-limit key, apart from the hashes of
// question submitters by its prefix.
func (db *DB) rateLimitKey(key string) []byte {
	mac := hmac.New(sha256.New, db.addressKey)
	mac.Write([]byte("rate-limit|" + key))
	return mac.Sum(nil)
}
