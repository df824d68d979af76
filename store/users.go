package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

func userSubject(u *models.User) string { return "user:" + strconv.FormatInt(u.ID, 10) }

// Authenticate checks credentials and opens a session. Unknown e-mail,
// wrong password and a deactivated account give the same error after the
// same amount of work. A successful login is recorded in the audit log with
// its session. EUNAVAILABLE when the password could not be checked in time.
func (db *DB) Authenticate(ctx context.Context, login models.Login) (*models.User, *models.Session, error) {
	invalid := models.Errorf(models.EUNAUTHENTICATED, "E-mail atau kata sandi salah")
	email, err := models.NormalizeEmail("email", login.Email)
	if err != nil || len(login.Password) > 1024 {
		if err := db.Hasher.VerifyDummy(ctx, login.Password); err != nil {
			return nil, nil, err
		}
		return nil, nil, invalid
	}
	user := new(models.User)
	err = db.bun.NewSelect().Model(user).Where("email = ?", email).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		if err := db.Hasher.VerifyDummy(ctx, login.Password); err != nil {
			return nil, nil, err
		}
		return nil, nil, invalid
	} else if err != nil {
		return nil, nil, wrapErr(err)
	}
	ok, err := db.Hasher.Verify(ctx, user.PasswordHash, login.Password)
	if err != nil {
		return nil, nil, wrapErr(err)
	}
	if !ok || !user.Active {
		return nil, nil, invalid
	}
	var session *models.Session
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		if session, err = db.openSession(ctx, tx, user, login, now); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, user, now, models.AuditRecord{
			Action: "auth.login", Subject: userSubject(user),
			Changes: map[string]any{"session": session.ID, "device": session.Device},
		})
	})
	if err != nil {
		return nil, nil, err
	}
	return user, session, nil
}

// UserByID returns a user, active or not, or ENOTFOUND.
func (db *DB) UserByID(ctx context.Context, id int64) (*models.User, error) {
	user := new(models.User)
	err := db.bun.NewSelect().Model(user).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Pengguna")
	}
	return user, wrapErr(err)
}

// UsersByIDs returns the users with the given ids. Only staff readers and
// PICs may see names; the public never does.
func (db *DB) UsersByIDs(ctx context.Context, ids []int64) ([]*models.User, error) {
	if models.UserFromContext(ctx) == nil {
		return nil, nil
	}
	var users []*models.User
	err := db.bun.NewSelect().Model(&users).Where("id IN (?)", bun.In(ids)).Scan(ctx)
	return users, wrapErr(err)
}

// Users lists every account. ADMIN and AUDITOR only.
func (db *DB) Users(ctx context.Context) ([]*models.User, error) {
	if _, err := requireRole(ctx, models.RoleAdmin, models.RoleAuditor); err != nil {
		return nil, err
	}
	var users []*models.User
	err := db.bun.NewSelect().Model(&users).OrderExpr("name ASC, id ASC").Scan(ctx)
	return users, wrapErr(err)
}

func (db *DB) userAdmin(ctx context.Context) (*models.User, error) {
	if u := models.UserFromContext(ctx); u.IsSystem() {
		return u, nil
	}
	return requireRole(ctx, models.RoleAdmin)
}

// resolveRoleAgency checks that a PIC names an existing agency and that no
// other role names one.
func resolveRoleAgency(ctx context.Context, idb bun.IDB, role models.Role, agencySlug string) (*int64, error) {
	if !role.Valid() {
		return nil, models.Invalid("role", "peran %q tidak dikenal", role)
	}
	if role != models.RolePIC {
		if agencySlug != "" {
			return nil, models.Invalid("agencySlug", "hanya PIC yang terikat pada instansi")
		}
		return nil, nil
	}
	if agencySlug == "" {
		return nil, models.Invalid("agencySlug", "PIC wajib terikat pada satu instansi")
	}
	agency, err := agencyBySlug(ctx, idb, agencySlug)
	if err != nil {
		return nil, models.Invalid("agencySlug", "instansi %q tidak ada", agencySlug)
	}
	return &agency.ID, nil
}

// CreateUser adds a staff account. ADMIN, or the command line.
func (db *DB) CreateUser(ctx context.Context, in models.NewUser) (*models.User, error) {
	actor, err := db.userAdmin(ctx)
	if err != nil {
		return nil, err
	}
	user := &models.User{Role: in.Role, Active: true, TokenVersion: 1}
	if user.Email, err = models.NormalizeEmail("email", in.Email); err != nil {
		return nil, err
	}
	if user.Name, err = models.RequireText("name", in.Name, 2, 120); err != nil {
		return nil, err
	}
	if err := db.Hasher.Validate(user.Email, in.Password); err != nil {
		return nil, err
	}
	if user.PasswordHash, err = db.Hasher.Hash(ctx, in.Password); err != nil {
		return nil, wrapErr(err)
	}
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		if user.AgencyID, err = resolveRoleAgency(ctx, tx, in.Role, in.AgencySlug); err != nil {
			return err
		}
		user.CreatedAt, user.UpdatedAt = now, now
		if _, err := tx.NewInsert().Model(user).Exec(ctx); err != nil {
			if isUniqueViolation(err) {
				return models.Errorf(models.ECONFLICT, "E-mail %s sudah terdaftar", user.Email)
			}
			return fmt.Errorf("insert user: %w", err)
		}
		return db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "user.create", Subject: userSubject(user),
			Changes: map[string]any{"email": user.Email, "name": user.Name, "role": user.Role, "agency": in.AgencySlug},
		})
	})
	if err != nil {
		return nil, err
	}
	return user, nil
}

// lockUserByEmail loads a user for update inside tx.
func (db *DB) lockUserByEmail(ctx context.Context, tx bun.Tx, email string) (*models.User, error) {
	email, err := models.NormalizeEmail("email", email)
	if err != nil {
		return nil, err
	}
	user := new(models.User)
	err = db.forUpdate(tx.NewSelect().Model(user).Where("email = ?", email)).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Pengguna " + email)
	}
	return user, err
}

// UpdateUser changes a staff account. A new password or role revokes every
// earlier token and ends every session. ADMIN, or the command line.
func (db *DB) UpdateUser(ctx context.Context, email string, in models.UserUpdate) (*models.User, error) {
	actor, err := db.userAdmin(ctx)
	if err != nil {
		return nil, err
	}
	var hash string
	if in.Password != nil {
		if err := db.Hasher.Validate(email, *in.Password); err != nil {
			return nil, err
		}
		if hash, err = db.Hasher.Hash(ctx, *in.Password); err != nil {
			return nil, wrapErr(err)
		}
	}
	var user *models.User
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		if user, err = db.lockUserByEmail(ctx, tx, email); err != nil {
			return err
		}
		changes := map[string]any{}
		revoke := false
		if in.Name != nil {
			if user.Name, err = models.RequireText("name", *in.Name, 2, 120); err != nil {
				return err
			}
			changes["name"] = user.Name
		}
		if in.Role != nil || in.AgencySlug != nil {
			role, slug := user.Role, ""
			if in.Role != nil {
				role = *in.Role
			}
			if in.AgencySlug != nil {
				slug = *in.AgencySlug
			} else if role == models.RolePIC && user.AgencyID != nil {
				var agency models.Agency
				if err := tx.NewSelect().Model(&agency).Where("id = ?", *user.AgencyID).Scan(ctx); err != nil {
					return err
				}
				slug = agency.Slug
			}
			if user.AgencyID, err = resolveRoleAgency(ctx, tx, role, slug); err != nil {
				return err
			}
			user.Role, revoke = role, true
			changes["role"], changes["agency"] = role, slug
		}
		if hash != "" {
			user.PasswordHash, revoke = hash, true
			changes["password"] = "changed"
		}
		if revoke {
			user.TokenVersion++
			if err := revokeSessions(ctx, tx, user.ID, now); err != nil {
				return err
			}
		}
		user.UpdatedAt = now
		if _, err := tx.NewUpdate().Model(user).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("update user: %w", err)
		}
		return db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "user.update", Subject: userSubject(user), Changes: changes,
		})
	})
	if err != nil {
		return nil, wrapErr(err)
	}
	return user, nil
}

// DeactivateUser disables an account, revokes every token it holds and ends
// every session.
// ADMIN, or the command line. An admin cannot deactivate themself.
func (db *DB) DeactivateUser(ctx context.Context, email string) (*models.User, error) {
	actor, err := db.userAdmin(ctx)
	if err != nil {
		return nil, err
	}
	var user *models.User
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		if user, err = db.lockUserByEmail(ctx, tx, email); err != nil {
			return err
		}
		if user.ID == actor.ID {
			return models.Errorf(models.ECONFLICT, "Anda tidak dapat menonaktifkan akun Anda sendiri")
		}
		if !user.Active {
			return models.Errorf(models.ECONFLICT, "Akun %s sudah nonaktif", user.Email)
		}
		user.Active, user.UpdatedAt = false, now
		user.TokenVersion++
		if err := revokeSessions(ctx, tx, user.ID, now); err != nil {
			return err
		}
		if _, err := tx.NewUpdate().Model(user).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("deactivate user: %w", err)
		}
		return db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "user.deactivate", Subject: userSubject(user), Changes: map[string]any{"active": false},
		})
	})
	if err != nil {
		return nil, wrapErr(err)
	}
	return user, nil
}
