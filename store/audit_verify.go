package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/lib/pq"
	"github.com/uptrace/bun"
	"golang.org/x/sync/singleflight"

	"github.com/kotabaru/tanggap/models"
)

// defaultAuditCacheTTL is how long a public verification is reused while no
// entry has been appended. Verification is public and anyone can ask for it
// in a loop; the cache keeps that from costing the database anything.
const defaultAuditCacheTTL = 5 * time.Second

// auditCheckpoint is the last entry a verification found intact.
type auditCheckpoint struct {
	bun.BaseModel `bun:"table:audit_checkpoint"`

	ID         int64      `bun:"id,pk"`
	EntryID    int64      `bun:"entry_id,notnull"`
	Hash       string     `bun:"hash,notnull"`
	VerifiedAt *time.Time `bun:"verified_at"`
}

// auditCache holds the last public verification and makes parallel callers
// share one computation.
type auditCache struct {
	flight singleflight.Group
	mu     sync.Mutex
	head   int64
	at     time.Time
	result *models.AuditVerification
}

func (c *auditCache) get(head int64, ttl time.Duration, now time.Time) *models.AuditVerification {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.result == nil || c.head != head || now.Sub(c.at) >= ttl {
		return nil
	}
	copied := *c.result
	return &copied
}

func (c *auditCache) put(head int64, now time.Time, v *models.AuditVerification) {
	c.mu.Lock()
	defer c.mu.Unlock()
	copied := *v
	c.head, c.at, c.result = head, now, &copied
}

// VerifyAudit checks the audit chain and reports the first entry whose link
// or hash does not match.
//
// The incremental check (full false) is public: it checks that the entry of
// the stored checkpoint still carries the hash it had when it was verified,
// then re-computes only the entries after it. Its result is reused for a few
// seconds while the chain does not grow, and parallel callers share one
// computation. The full check re-computes every entry from the first and also
// compares the checkpoint; only AUDITOR and the command line may run it
// (EUNAUTHENTICATED, EFORBIDDEN). An intact result advances the checkpoint.
func (db *DB) VerifyAudit(ctx context.Context, full bool) (*models.AuditVerification, error) {
	if full {
		if !models.UserFromContext(ctx).IsSystem() {
			if _, err := requireRole(ctx, models.RoleAuditor); err != nil {
				return nil, err
			}
		}
		v, err, _ := db.auditCache.flight.Do("full", func() (any, error) {
			return db.verifyShared(ctx, true)
		})
		if err != nil {
			return nil, err
		}
		copied := *v.(*models.AuditVerification)
		return &copied, nil
	}
	_, head, err := db.AuditHead(ctx)
	if err != nil {
		return nil, err
	}
	if cached := db.auditCache.get(int64(head), db.AuditCacheTTL, time.Now()); cached != nil {
		return cached, nil
	}
	v, err, _ := db.auditCache.flight.Do("public", func() (any, error) {
		result, err := db.verifyShared(ctx, false)
		if err == nil {
			db.auditCache.put(int64(head), time.Now(), result)
		}
		return result, err
	})
	if err != nil {
		return nil, err
	}
	copied := *v.(*models.AuditVerification)
	return &copied, nil
}

// verifyShared runs one verification for every caller waiting on it, so it
// must not end when the first caller goes away.
func (db *DB) verifyShared(ctx context.Context, full bool) (*models.AuditVerification, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
	defer cancel()
	v, err := db.verifyAuditOn(ctx, db.bun, full)
	if err != nil {
		return nil, wrapErr(err)
	}
	if v.Intact && v.Recomputed > 0 {
		db.advanceAuditCheckpoint(ctx, int64(v.Entries), v.HeadHash, v.VerifiedAt)
	}
	return v, nil
}

// verifyAuditOn checks the chain as idb sees it, without changing anything:
// from the checkpoint, or with full from the first entry, then comparing the
// checkpoint with the entry it names.
func (db *DB) verifyAuditOn(ctx context.Context, idb bun.IDB, full bool) (*models.AuditVerification, error) {
	result := &models.AuditVerification{Intact: true, HeadHash: models.GenesisHash, VerifiedAt: db.now(), Full: full}
	checkpoint, err := readAuditCheckpoint(ctx, idb)
	if err != nil {
		return nil, err
	}
	if full {
		lastID, err := verifyChain(ctx, idb, 0, models.GenesisHash, result)
		if err != nil || !result.Intact {
			return result, err
		}
		if checkpoint.EntryID > lastID {
			id := lastID + 1
			result.Intact, result.BrokenAtID = false, &id
			result.Problem = fmt.Sprintf("entri %d sampai %d hilang dari ujung log, padahal sudah pernah diverifikasi", lastID+1, checkpoint.EntryID)
			return result, nil
		}
		if checkpoint.EntryID > 0 {
			if problem, err := checkCheckpointEntry(ctx, idb, checkpoint); err != nil || problem != "" {
				return brokenAt(result, checkpoint.EntryID, problem), err
			}
		}
		return result, nil
	}
	if checkpoint.EntryID > 0 {
		problem, err := checkCheckpointEntry(ctx, idb, checkpoint)
		if err != nil {
			return nil, err
		}
		if problem != "" {
			result.Entries = int(checkpoint.EntryID)
			return brokenAt(result, checkpoint.EntryID, problem), nil
		}
	}
	result.HeadHash = checkpoint.Hash
	_, err = verifyChain(ctx, idb, checkpoint.EntryID, checkpoint.Hash, result)
	return result, err
}

func brokenAt(result *models.AuditVerification, id int64, problem string) *models.AuditVerification {
	if problem != "" {
		result.Intact, result.BrokenAtID, result.Problem = false, &id, problem
	}
	return result
}

// checkCheckpointEntry compares the checkpoint with the entry it names and
// re-computes that entry's own hash.
func checkCheckpointEntry(ctx context.Context, idb bun.IDB, checkpoint *auditCheckpoint) (string, error) {
	var entry models.AuditEntry
	err := idb.NewSelect().
		Model(&entry).
		Where("id = ?", checkpoint.EntryID).
		Scan(ctx)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Sprintf("entri %d yang sudah pernah diverifikasi hilang", checkpoint.EntryID), nil
	case err != nil:
		return "", err
	case entry.Hash != checkpoint.Hash:
		return "hash entri berbeda dengan saat terakhir diverifikasi: riwayat ditulis ulang", nil
	case entry.ComputeHash() != entry.Hash:
		return "isi entri tidak cocok dengan hash-nya", nil
	}
	return "", nil
}

// verifyChain re-computes the entries after fromID, whose hash is fromHash,
// in id order. It fills result and returns the id of the last entry found
// intact.
func verifyChain(ctx context.Context, idb bun.IDB, fromID int64, fromHash string, result *models.AuditVerification) (int64, error) {
	const batch = 1000
	prevHash, lastID := fromHash, fromID
	result.Entries = int(fromID)
	for {
		var entries []*models.AuditEntry
		err := idb.NewSelect().
			Model(&entries).
			Where("id > ?", lastID).
			OrderExpr("id ASC").
			Limit(batch).
			Scan(ctx)
		if err != nil {
			return lastID, err
		}
		for _, e := range entries {
			result.Entries++
			result.Recomputed++
			var problem string
			switch {
			case e.ID != lastID+1:
				problem = fmt.Sprintf("entri %d sampai %d hilang", lastID+1, e.ID-1)
			case e.PrevHash != prevHash:
				problem = "tautan ke entri sebelumnya tidak cocok"
			case e.ComputeHash() != e.Hash:
				problem = "isi entri tidak cocok dengan hash-nya"
			}
			if problem != "" {
				brokenAt(result, e.ID, problem)
				return lastID, nil
			}
			prevHash, lastID = e.Hash, e.ID
		}
		if len(entries) < batch {
			break
		}
	}
	result.HeadHash = prevHash
	return lastID, nil
}

func readAuditCheckpoint(ctx context.Context, idb bun.IDB) (*auditCheckpoint, error) {
	checkpoint := &auditCheckpoint{}
	err := idb.NewSelect().
		Model(checkpoint).
		Where("id = 1").
		Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) || isUndefinedTable(err) {
		// A missing row, or a backup from before checkpoints, only costs a
		// full re-computation.
		return &auditCheckpoint{ID: 1, Hash: models.GenesisHash}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read audit checkpoint: %w", err)
	}
	return checkpoint, nil
}

// advanceAuditCheckpoint records entryID as verified; it never moves the
// checkpoint back. A failure only means the next check re-computes more.
func (db *DB) advanceAuditCheckpoint(ctx context.Context, entryID int64, hash string, at time.Time) {
	_, err := db.bun.NewInsert().
		Model(&auditCheckpoint{ID: 1, EntryID: entryID, Hash: hash, VerifiedAt: &at}).
		On("CONFLICT (id) DO UPDATE").
		Set("entry_id = EXCLUDED.entry_id").
		Set("hash = EXCLUDED.hash").
		Set("verified_at = EXCLUDED.verified_at").
		Where("audit_checkpoint.entry_id < EXCLUDED.entry_id").
		Exec(ctx)
	if err != nil {
		slog.WarnContext(ctx, "advance the audit checkpoint", "error", err)
	}
}

// isUndefinedTable reports a query on a table that does not exist.
func isUndefinedTable(err error) bool {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		return pqErr.Code == "42P01"
	}
	return err != nil && strings.Contains(err.Error(), "no such table")
}
