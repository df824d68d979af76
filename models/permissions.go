package models

import "context"

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
// the people who asked about an issue assigned to agencyID (DESIGN §1).
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
