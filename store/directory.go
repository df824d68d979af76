package store

import (
	"context"
	"sync"
	"time"

	"github.com/kotabaru/tanggap/models"
)

// directory keeps a small reference table — the agencies, the categories —
// in memory between writes. Nearly every public read names an issue's
// agency, and the table has a few dozen rows that change a few times a year,
// so a statement per request for it was pure overhead (docs/performance.md).
//
// It follows the rule of the list totals (count.go): a write through this
// process empties it at once; a write through another process shows within
// countTTL. Rows handed out are shared between requests and must not be
// modified; writers load their own copy.
type directory[T any] struct {
	mu         sync.Mutex
	rows       []T
	byID       map[int64]T
	generation uint64
	at         time.Time
	loaded     bool
}

// get returns the rows in the table's order and by id, loading them when
// the cached copy predates a write or is older than countTTL.
func (d *directory[T]) get(ctx context.Context, current func() uint64, load func(context.Context) ([]T, error), id func(T) int64) ([]T, map[int64]T, error) {
	generation, now := current(), time.Now()
	d.mu.Lock()
	if d.loaded && d.generation == generation && now.Sub(d.at) < countTTL {
		rows, byID := d.rows, d.byID
		d.mu.Unlock()
		return rows, byID, nil
	}
	d.mu.Unlock()
	rows, err := load(ctx)
	if err != nil {
		return nil, nil, wrapErr(err)
	}
	byID := make(map[int64]T, len(rows))
	for _, r := range rows {
		byID[id(r)] = r
	}
	d.mu.Lock()
	// Keep the copy only when no write committed while it was read.
	if current() == generation {
		d.rows, d.byID, d.generation, d.at, d.loaded = rows, byID, generation, now, true
	}
	d.mu.Unlock()
	return rows, byID, nil
}

func (db *DB) agencyDirectory(ctx context.Context) ([]*models.Agency, map[int64]*models.Agency, error) {
	return db.agencies.get(ctx, db.Generation, func(ctx context.Context) ([]*models.Agency, error) {
		var agencies []*models.Agency
		err := db.bun.NewSelect().Model(&agencies).OrderExpr("name ASC, id ASC").Scan(ctx)
		return agencies, err
	}, func(a *models.Agency) int64 { return a.ID })
}

func (db *DB) categoryDirectory(ctx context.Context) ([]*models.Category, map[int64]*models.Category, error) {
	return db.categories.get(ctx, db.Generation, func(ctx context.Context) ([]*models.Category, error) {
		var categories []*models.Category
		err := db.bun.NewSelect().Model(&categories).OrderExpr("name ASC, id ASC").Scan(ctx)
		return categories, err
	}, func(c *models.Category) int64 { return c.ID })
}

// pick returns the rows with the given ids that exist, in the order of ids.
func pick[T any](byID map[int64]T, ids []int64) []T {
	out := make([]T, 0, len(ids))
	for _, id := range ids {
		if r, ok := byID[id]; ok {
			out = append(out, r)
		}
	}
	return out
}
