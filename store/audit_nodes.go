package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// AuditEntriesByIDs returns the audit entries with the given ids, in any
// order; missing ids are left out. AUDITOR and ADMIN only: EUNAUTHENTICATED,
// EFORBIDDEN.
func (db *DB) AuditEntriesByIDs(ctx context.Context, ids []int64) ([]*models.AuditEntry, error) {
	if _, err := requireRole(ctx, models.RoleAuditor, models.RoleAdmin); err != nil {
		return nil, err
	}
	var entries []*models.AuditEntry
	err := db.bun.NewSelect().Model(&entries).Where("id IN (?)", bun.In(ids)).Scan(ctx)
	return entries, wrapErr(err)
}
