package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store/demodata"
)

// SearchSynonyms lists every synonym group by term. ADMIN only.
func (db *DB) SearchSynonyms(ctx context.Context) ([]*models.SearchSynonym, error) {
	if _, err := requireRole(ctx, models.RoleAdmin); err != nil {
		return nil, err
	}
	var rows []*models.SearchSynonym
	err := db.bun.NewSelect().Model(&rows).OrderExpr("term ASC").Scan(ctx)
	return rows, wrapErr(err)
}

// normalizeSynonym folds case and white space; commas separate the stored
// synonyms, so a word may not hold one.
func normalizeSynonym(field, s string) (string, error) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	if strings.Contains(s, ",") {
		return s, models.Invalid(field, "tidak boleh berisi koma")
	}
	return models.RequireText(field, s, 2, 100)
}

// SetSearchSynonyms creates or replaces the synonym group of a term. ADMIN
// only; audited. Search engines pick the change up within a minute.
func (db *DB) SetSearchSynonyms(ctx context.Context, term string, synonyms []string) (*models.SearchSynonym, error) {
	actor, err := requireRole(ctx, models.RoleAdmin)
	if err != nil {
		return nil, err
	}
	if term, err = normalizeSynonym("term", term); err != nil {
		return nil, err
	}
	if len(synonyms) == 0 || len(synonyms) > 20 {
		return nil, models.Invalid("synonyms", "isi 1–20 sinonim")
	}
	var words []string
	seen := map[string]bool{term: true}
	for i, s := range synonyms {
		if s, err = normalizeSynonym(fmt.Sprintf("synonyms[%d]", i), s); err != nil {
			return nil, err
		}
		if !seen[s] {
			seen[s] = true
			words = append(words, s)
		}
	}
	if len(words) == 0 {
		return nil, models.Invalid("synonyms", "sinonim harus berbeda dari istilahnya")
	}
	row := &models.SearchSynonym{Term: term, Joined: strings.Join(words, ", ")}
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		row.ID, row.UpdatedAt = 0, now
		_, err := tx.NewInsert().
			Model(row).
			On("CONFLICT (term) DO UPDATE").
			Set("synonyms = EXCLUDED.synonyms").
			Set("updated_at = EXCLUDED.updated_at").
			Returning("id").
			Exec(ctx)
		if err != nil {
			return fmt.Errorf("save synonyms: %w", err)
		}
		return db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "search.synonyms.set", Subject: "synonyms:" + term, Changes: map[string]any{"synonyms": words},
		})
	})
	if err != nil {
		return nil, err
	}
	return row, nil
}

// DeleteSearchSynonyms removes the synonym group of a term. ADMIN only; audited.
func (db *DB) DeleteSearchSynonyms(ctx context.Context, term string) (*models.SearchSynonym, error) {
	actor, err := requireRole(ctx, models.RoleAdmin)
	if err != nil {
		return nil, err
	}
	term = strings.ToLower(strings.Join(strings.Fields(term), " "))
	row := new(models.SearchSynonym)
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		err := tx.NewSelect().Model(row).Where("term = ?", term).Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Sinonim " + term)
		} else if err != nil {
			return err
		}
		if _, err := tx.NewDelete().Model(row).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("delete synonyms: %w", err)
		}
		return db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "search.synonyms.delete", Subject: "synonyms:" + term, Changes: map[string]any{"synonyms": row.Synonyms()},
		})
	})
	if err != nil {
		return nil, err
	}
	return row, nil
}

// insertSynonyms adds groups of terms that have none yet, keeping those
// ADMIN already keeps under the same term.
func insertSynonyms(ctx context.Context, tx bun.Tx, groups []demodata.Synonym, now time.Time) error {
	for _, g := range groups {
		row := &models.SearchSynonym{Term: g.Term, Joined: strings.Join(g.Synonyms, ", "), UpdatedAt: now}
		if _, err := tx.NewInsert().Model(row).On("CONFLICT (term) DO NOTHING").Exec(ctx); err != nil {
			return fmt.Errorf("add synonyms %s: %w", g.Term, err)
		}
	}
	return nil
}
