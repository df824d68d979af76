package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// Agencies lists every agency by name.
func (db *DB) Agencies(ctx context.Context) ([]*models.Agency, error) {
	agencies, _, err := db.agencyDirectory(ctx)
	return slices.Clone(agencies), err
}

// AgencyBySlug returns one agency or ENOTFOUND.
func (db *DB) AgencyBySlug(ctx context.Context, slug string) (*models.Agency, error) {
	agencies, _, err := db.agencyDirectory(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range agencies {
		if a.Slug == slug {
			return a, nil
		}
	}
	return nil, notFound("Instansi " + slug)
}

func agencyBySlug(ctx context.Context, idb bun.IDB, slug string) (*models.Agency, error) {
	return agencyBySlugQuery(ctx, idb.NewSelect(), slug)
}

func agencyBySlugQuery(ctx context.Context, q *bun.SelectQuery, slug string) (*models.Agency, error) {
	agency := new(models.Agency)
	err := q.Model(agency).Where("slug = ?", slug).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Instansi " + slug)
	}
	return agency, wrapErr(err)
}

// AgenciesByIDs returns the agencies with the given ids.
func (db *DB) AgenciesByIDs(ctx context.Context, ids []int64) ([]*models.Agency, error) {
	_, byID, err := db.agencyDirectory(ctx)
	return pick(byID, ids), err
}

func validateAgency(in models.AgencyInput, a *models.Agency) error {
	var err error
	if in.Slug != nil {
		if err := models.ValidateSlug("slug", *in.Slug); err != nil {
			return err
		}
		a.Slug = *in.Slug
	}
	if in.Name != nil {
		if a.Name, err = models.RequireText("name", *in.Name, 3, 200); err != nil {
			return err
		}
	}
	if in.ShortName != nil {
		if a.ShortName, err = models.RequireText("shortName", *in.ShortName, 2, 40); err != nil {
			return err
		}
	}
	if in.Description != nil {
		if a.Description, err = models.RequireText("description", *in.Description, 0, 2000); err != nil {
			return err
		}
	}
	return nil
}

// CreateAgency adds an agency. ADMIN only.
func (db *DB) CreateAgency(ctx context.Context, in models.AgencyInput) (*models.Agency, error) {
	actor, err := requireRole(ctx, models.RoleAdmin)
	if err != nil {
		return nil, err
	}
	agency := new(models.Agency)
	if in.Slug == nil || in.Name == nil || in.ShortName == nil {
		return nil, models.Invalid("slug", "slug, nama dan nama singkat wajib diisi")
	}
	if err := validateAgency(in, agency); err != nil {
		return nil, err
	}
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		agency.CreatedAt, agency.UpdatedAt = now, now
		if _, err := tx.NewInsert().Model(agency).Exec(ctx); err != nil {
			if isUniqueViolation(err) {
				return models.Errorf(models.ECONFLICT, "Slug instansi %q sudah dipakai", agency.Slug)
			}
			return err
		}
		return db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "agency.create", Subject: "agency:" + agency.Slug, Changes: agency,
		})
	})
	return agency, err
}

// UpdateAgency edits an agency. ADMIN only.
func (db *DB) UpdateAgency(ctx context.Context, slug string, in models.AgencyInput) (*models.Agency, error) {
	actor, err := requireRole(ctx, models.RoleAdmin)
	if err != nil {
		return nil, err
	}
	var agency *models.Agency
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		if agency, err = agencyBySlugQuery(ctx, db.forUpdate(tx.NewSelect()), slug); err != nil {
			return err
		}
		before := *agency
		if err := validateAgency(in, agency); err != nil {
			return err
		}
		agency.UpdatedAt = now
		if _, err := tx.NewUpdate().Model(agency).WherePK().Exec(ctx); err != nil {
			if isUniqueViolation(err) {
				return models.Errorf(models.ECONFLICT, "Slug instansi %q sudah dipakai", agency.Slug)
			}
			return err
		}
		if err := enqueueSearchOfIssues(ctx, tx, "agency_id", agency.ID, now); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "agency.update", Subject: "agency:" + before.Slug,
			Changes: map[string]any{"before": before, "after": agency},
		})
	})
	return agency, err
}

// Categories lists every category by name.
func (db *DB) Categories(ctx context.Context) ([]*models.Category, error) {
	categories, _, err := db.categoryDirectory(ctx)
	return slices.Clone(categories), err
}

// CategoriesByIDs returns the categories with the given ids.
func (db *DB) CategoriesByIDs(ctx context.Context, ids []int64) ([]*models.Category, error) {
	_, byID, err := db.categoryDirectory(ctx)
	return pick(byID, ids), err
}

func categoryBySlug(ctx context.Context, idb bun.IDB, field, slug string) (*models.Category, error) {
	category := new(models.Category)
	err := idb.NewSelect().Model(category).Where("slug = ?", slug).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, models.Invalid(field, "kategori %q tidak ada", slug)
	}
	return category, wrapErr(err)
}

func validateCategory(in models.CategoryInput, c *models.Category) error {
	var err error
	if in.Slug != nil {
		if err := models.ValidateSlug("slug", *in.Slug); err != nil {
			return err
		}
		c.Slug = *in.Slug
	}
	if in.Name != nil {
		if c.Name, err = models.RequireText("name", *in.Name, 3, 120); err != nil {
			return err
		}
	}
	if in.Description != nil {
		if c.Description, err = models.RequireText("description", *in.Description, 0, 2000); err != nil {
			return err
		}
	}
	return nil
}

// CreateCategory adds a category. ADMIN only.
func (db *DB) CreateCategory(ctx context.Context, in models.CategoryInput) (*models.Category, error) {
	actor, err := requireRole(ctx, models.RoleAdmin)
	if err != nil {
		return nil, err
	}
	if in.Slug == nil || in.Name == nil {
		return nil, models.Invalid("slug", "slug dan nama wajib diisi")
	}
	category := new(models.Category)
	if err := validateCategory(in, category); err != nil {
		return nil, err
	}
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		category.CreatedAt, category.UpdatedAt = now, now
		if _, err := tx.NewInsert().Model(category).Exec(ctx); err != nil {
			if isUniqueViolation(err) {
				return models.Errorf(models.ECONFLICT, "Slug kategori %q sudah dipakai", category.Slug)
			}
			return err
		}
		return db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "category.create", Subject: "category:" + category.Slug, Changes: category,
		})
	})
	return category, err
}

// UpdateCategory edits a category. ADMIN only.
func (db *DB) UpdateCategory(ctx context.Context, slug string, in models.CategoryInput) (*models.Category, error) {
	actor, err := requireRole(ctx, models.RoleAdmin)
	if err != nil {
		return nil, err
	}
	var category *models.Category
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		category = new(models.Category)
		if err := db.forUpdate(tx.NewSelect().Model(category).Where("slug = ?", slug)).Scan(ctx); errors.Is(err, sql.ErrNoRows) {
			return notFound(fmt.Sprintf("Kategori %s", slug))
		} else if err != nil {
			return err
		}
		before := *category
		if err := validateCategory(in, category); err != nil {
			return err
		}
		category.UpdatedAt = now
		if _, err := tx.NewUpdate().Model(category).WherePK().Exec(ctx); err != nil {
			if isUniqueViolation(err) {
				return models.Errorf(models.ECONFLICT, "Slug kategori %q sudah dipakai", category.Slug)
			}
			return err
		}
		if err := enqueueSearchOfIssues(ctx, tx, "category_id", category.ID, now); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "category.update", Subject: "category:" + before.Slug,
			Changes: map[string]any{"before": before, "after": category},
		})
	})
	return category, err
}
