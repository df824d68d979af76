package store

import "time"

// MigrationLockKey is the PostgreSQL advisory lock key, for tests that hold
// the lock from another session.
const MigrationLockKey = migrationLockKey

// StartWALMaintenance restarts db's WAL maintenance with a short interval,
// for tests that cannot wait a minute.
func StartWALMaintenance(db *DB, interval time.Duration) {
	if db.maintenance != nil {
		db.maintenance.stop()
	}
	db.maintenance = db.startWALMaintenance(interval)
}

// PreparedTexts returns how many statements db keeps by their text.
func PreparedTexts(db *DB) int {
	db.preparedStmts.mu.Lock()
	defer db.preparedStmts.mu.Unlock()
	return len(db.preparedStmts.texts)
}

// SetMaxPreparedTexts bounds the statements kept by their text, for tests
// of their eviction.
func SetMaxPreparedTexts(n int) (restore func()) {
	old := maxPreparedTexts
	maxPreparedTexts = n
	return func() { maxPreparedTexts = old }
}
