package models

import (
	"context"
	"net/mail"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// User is a staff account. Citizens have no accounts.
type User struct {
	bun.BaseModel `bun:"table:users"`

	ID           int64     `bun:"id,pk,autoincrement"`
	Email        string    `bun:"email,notnull"`
	Name         string    `bun:"name,notnull"`
	PasswordHash string    `bun:"password_hash,notnull"`
	Role         Role      `bun:"role,notnull"`
	AgencyID     *int64    `bun:"agency_id"`
	Active       bool      `bun:"active,notnull"`
	TokenVersion int       `bun:"token_version,notnull"`
	CreatedAt    time.Time `bun:"created_at,notnull"`
	UpdatedAt    time.Time `bun:"updated_at,notnull"`
}

// IsStaffReader reports whether u may read everything that is not personal
// to another agency: internal issues, full timelines and staff names.
func (u *User) IsStaffReader() bool {
	return u != nil && (u.Role == RoleTRC || u.Role == RoleAuditor || u.Role == RoleAdmin)
}

// BelongsTo reports whether u is a PIC of the given agency.
func (u *User) BelongsTo(agencyID *int64) bool {
	return u != nil && u.Role == RolePIC && u.AgencyID != nil && agencyID != nil && *u.AgencyID == *agencyID
}

// NormalizeEmail lower-cases and trims an e-mail address and checks its form.
func NormalizeEmail(field, email string) (string, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email || len(email) > 254 {
		return email, Invalid(field, "alamat e-mail tidak valid")
	}
	return email, nil
}

// NewUser carries the fields of a new staff account.
type NewUser struct {
	Email      string
	Name       string
	Password   string
	Role       Role
	AgencySlug string
}

// UserUpdate carries the changes to a staff account; nil fields are unchanged.
type UserUpdate struct {
	Name       *string
	Role       *Role
	AgencySlug *string
	Password   *string
}

// Login carries the credentials of a login attempt and what the session it
// opens should record.
type Login struct {
	Email    string
	Password string
	// Device is a short description of the client ("Chrome di Windows"),
	// never the raw user agent.
	Device string
	// SessionTTL is how long the session lasts: the lifetime of its token.
	SessionTTL time.Duration
}

// UserService manages staff accounts.
type UserService interface {
	// Authenticate checks credentials, opens a session and records the login
	// in the audit log. Unknown e-mail, wrong password and deactivated
	// account give the same EUNAUTHENTICATED error in about the same time;
	// EUNAVAILABLE when the password could not be checked in time.
	Authenticate(ctx context.Context, login Login) (*User, *Session, error)
	// UserByID returns an active or inactive user, or ENOTFOUND.
	UserByID(ctx context.Context, id int64) (*User, error)
	// UsersByIDs returns the users with the given ids; names are only for staff readers.
	UsersByIDs(ctx context.Context, ids []int64) ([]*User, error)
	// Users lists every account. ADMIN and AUDITOR only.
	Users(ctx context.Context) ([]*User, error)
	// CreateUser is for ADMIN, or a system context (command line). Errors:
	// EUNAUTHENTICATED, EFORBIDDEN, EINVALID, ECONFLICT (e-mail taken).
	CreateUser(ctx context.Context, in NewUser) (*User, error)
	// UpdateUser is for ADMIN; a password or role change revokes earlier tokens.
	UpdateUser(ctx context.Context, email string, in UserUpdate) (*User, error)
	// DeactivateUser is for ADMIN; it revokes every token of the user.
	DeactivateUser(ctx context.Context, email string) (*User, error)
}

// SystemUser is the actor of changes made from the command line by whoever
// runs it on the server.
var SystemUser = &User{ID: 0, Name: "system", Role: RoleAdmin, Active: true}

// IsSystem reports whether u is the command-line system actor.
func (u *User) IsSystem() bool { return u != nil && u.ID == 0 && u.Role == RoleAdmin }
