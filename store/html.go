package store

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// renderHTML renders a response's Markdown to the sanitised HTML that is
// stored beside it. Writers call it before their transaction opens: a
// pathological text can take a noticeable time to render, and SQLite holds
// its write lock for the whole transaction.
func (db *DB) renderHTML(body string) string { return db.markdown.Render(body) }

// RenderMissingHTML renders and stores the HTML of responses and revisions
// written before it was stored with them, batch by batch, and returns how
// many rows it filled. It is safe to run while serving; reads render such
// rows on the fly until then. It reads only the partial indexes of rows
// without HTML (migration 20261212090000), so that a start with nothing to
// render costs nothing.
func (db *DB) RenderMissingHTML(ctx context.Context) (int, error) {
	filled := 0
	for _, table := range []string{"responses", "response_revisions"} {
		var lastID int64
		for {
			var batch []struct {
				ID   int64  `bun:"id"`
				Body string `bun:"body"`
			}
			err := db.bun.NewSelect().
				Table(table).
				Column("id", "body").
				Where("body_html = ''").
				Where("body <> ''").
				Where("id > ?", lastID).
				OrderExpr("id").
				Limit(200).
				Scan(ctx, &batch)
			if err != nil {
				return filled, wrapErr(fmt.Errorf("find unrendered %s: %w", table, err))
			}
			if len(batch) == 0 {
				break
			}
			lastID = batch[len(batch)-1].ID
			html := make([]string, len(batch))
			for i, row := range batch {
				html[i] = db.renderHTML(row.Body)
			}
			err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, _ time.Time) error {
				for i, row := range batch {
					if _, err := tx.NewUpdate().
						Table(table).
						Set("body_html = ?", html[i]).
						Where("id = ?", row.ID).
						Where("body = ?", row.Body).
						Exec(ctx); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return filled, err
			}
			filled += len(batch)
		}
	}
	return filled, nil
}
