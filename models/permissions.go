package models

import (
	"context"
	"slices"
)

// RequireRole is the one role check of the application: the schema's
// @hasRole directive (graph/directives.go) and every service method of the
// store (store/store.go, requireRole) call it, so both refuse alike. It
// returns EUNAUTHENTICATED without a signed-in user and EFORBIDDEN when the
// user's role is not one of roles. Object-level rules (whose agency, which
// status) are checked by the store after it.
func RequireRole(user *User, roles ...Role) error {
	if user == nil {
		return Errorf(EUNAUTHENTICATED, "Silakan masuk terlebih dahulu")
	}
	if !HasRole(user, roles...) {
		return Errorf(EFORBIDDEN, "Anda tidak berwenang melakukan tindakan ini")
	}
	return nil
}

// HasRole reports whether user is signed in with one of roles.
func HasRole(user *User, roles ...Role) bool {
	return user != nil && slices.Contains(roles, user.Role)
}

// CanActOnIssue reports whether user may work on an issue's answer:
// TRC always (it may publish on behalf of an agency), a PIC only for an
// issue assigned to their own agency.
func CanActOnIssue(user *User, issue *Issue) bool {
	if user == nil {
		return false
	}
	return user.Role == RoleTRC || user.BelongsTo(issue.AgencyID)
}

// CanSeePersonalData reports whether user may read the name and contact of
// the people who asked about an issue assigned to agencyID: staff readers
// and the agency's own PICs, never the public (docs/api.md).
func CanSeePersonalData(user *User, agencyID *int64) bool {
	return user.IsStaffReader() || user.BelongsTo(agencyID)
}

// PasswordHasher hashes and checks staff passwords. The store holds one so
// that the domain stays free of a particular algorithm. Hashing is costly in
// memory, so an implementation may bound how many run at once: Hash, Verify
// and VerifyDummy then wait for a turn and return EUNAVAILABLE (with a
// RetryAfterSeconds) when none comes in time.
type PasswordHasher interface {
	Hash(ctx context.Context, plain string) (string, error)
	Verify(ctx context.Context, hash, plain string) (bool, error)
	// VerifyDummy spends the time of one verification, so that an unknown
	// e-mail answers as slowly as a wrong password.
	VerifyDummy(ctx context.Context, plain string) error
	// Validate checks a new password for the account with the given e-mail
	// address against the password policy; the error is EINVALID on the
	// field "password".
	Validate(email, plain string) error
}
