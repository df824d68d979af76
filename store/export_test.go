package store

import (
	"context"
	"time"

	"github.com/kotabaru/tanggap/models"
)

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

// ScanByHandAndByBun runs query twice and reads its rows into models of
// dest's kind, once with the column lists of rowscan.go and once with bun,
// for tests that compare the two readings. dest is *[]*models.Issue,
// *[]*models.Response or *[]*models.IssueSource; byBun is of the same type.
func ScanByHandAndByBun(ctx context.Context, db *DB, query string, byHand, byBun any) error {
	rows, err := db.bun.DB.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	if err := db.scanInto(ctx, rows, byHand); err != nil {
		return err
	}
	rows, err = db.bun.DB.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	return db.bun.ScanRows(ctx, rows, byBun)
}

// ScanColumnNames returns the columns rowscan.go reads of the model of
// table: issues, responses or issue_sources.
func ScanColumnNames(table string) []string {
	var names []string
	switch table {
	case "issues":
		for n := range issueScanColumns {
			names = append(names, n)
		}
	case "responses":
		for n := range responseScanColumns {
			names = append(names, n)
		}
	case "issue_sources":
		for n := range sourceScanColumns {
			names = append(names, n)
		}
	}
	return names
}

// IssueWithText is the statement of IssueByNumberWith for with.
func IssueWithText(db *DB, with models.IssueWith, noHTML bool) string {
	return db.issueWithStatement(with, noHTML).text
}
