package models

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
// that the domain stays free of a particular algorithm.
type PasswordHasher interface {
	Hash(plain string) (string, error)
	Verify(hash, plain string) bool
	// VerifyDummy spends the time of one verification, so that an unknown
	// e-mail answers as slowly as a wrong password.
	VerifyDummy(plain string)
	// Validate checks a new password's strength.
	Validate(plain string) error
}
