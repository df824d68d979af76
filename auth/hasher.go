package auth

// Argon2id implements models.PasswordHasher with the functions of this package.
type Argon2id struct{}

// Hash returns the encoded Argon2id hash of plain.
func (Argon2id) Hash(plain string) (string, error) { return HashPassword(plain) }

// Verify checks plain against an encoded hash.
func (Argon2id) Verify(hash, plain string) bool { return VerifyPassword(hash, plain) }

// VerifyDummy spends the time of one verification.
func (Argon2id) VerifyDummy(plain string) { VerifyDummy(plain) }

// Validate checks a new password's length.
func (Argon2id) Validate(plain string) error { return ValidatePassword(plain) }
