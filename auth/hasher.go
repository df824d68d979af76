package auth

import (
	"context"
	"fmt"
	"sync"
)

// Argon2id implements models.PasswordHasher: Argon2id hashes made through a
// HashGate, so that only a bounded number are computed at once, and the
// PasswordPolicy for new passwords. The zero value uses the default memory
// cost, a gate shared by every zero-value Argon2id of the process, and the
// policy outside demo mode.
type Argon2id struct {
	params argonParams
	dummy  string
	gate   *HashGate
	policy PasswordPolicy
}

// Argon2idConfig configures NewArgon2id.
type Argon2idConfig struct {
	// MemoryKiB is the memory cost of new hashes, MinArgonMemoryKiB to
	// MaxArgonMemoryKiB; 0 means DefaultArgonMemoryKiB. Existing hashes keep
	// the cost they were made with, which their encoding records.
	MemoryKiB int
	// Gate bounds concurrent hashing; nil shares the process default.
	Gate *HashGate
	// Policy checks new passwords.
	Policy PasswordPolicy
}

// NewArgon2id returns a hasher with the given settings.
func NewArgon2id(cfg Argon2idConfig) (Argon2id, error) {
	memory := cfg.MemoryKiB
	if memory == 0 {
		memory = DefaultArgonMemoryKiB
	}
	if memory < MinArgonMemoryKiB || memory > MaxArgonMemoryKiB {
		return Argon2id{}, fmt.Errorf("auth: Argon2 memory cost must be %d–%d KiB, got %d", MinArgonMemoryKiB, MaxArgonMemoryKiB, memory)
	}
	p := paramsForMemory(uint32(memory))
	return Argon2id{params: p, dummy: dummyHashFor(p), gate: cfg.Gate, policy: cfg.Policy}, nil
}

// defaultGate is shared by hashers built without a gate of their own, so
// that the bound holds for the whole process.
var defaultGate = sync.OnceValue(func() *HashGate { return NewHashGate(0, 0) })

func (h Argon2id) hashGate() *HashGate {
	if h.gate != nil {
		return h.gate
	}
	return defaultGate()
}

func (h Argon2id) hashParams() (argonParams, string) {
	if h.params.memoryKiB == 0 {
		return defaultParams, dummyHash
	}
	return h.params, h.dummy
}

// Hash returns the encoded Argon2id hash of plain, waiting for a slot of the
// gate; EUNAVAILABLE when none frees up in time.
func (h Argon2id) Hash(ctx context.Context, plain string) (encoded string, err error) {
	params, _ := h.hashParams()
	gateErr := h.hashGate().Do(ctx, func() { encoded, err = hashWith(params, plain) })
	if gateErr != nil {
		return "", gateErr
	}
	return encoded, err
}

// Verify checks plain against an encoded hash, waiting for a slot of the
// gate; EUNAVAILABLE when none frees up in time.
func (h Argon2id) Verify(ctx context.Context, hash, plain string) (ok bool, err error) {
	err = h.hashGate().Do(ctx, func() { ok = VerifyPassword(hash, plain) })
	return ok, err
}

// VerifyDummy spends the time of one verification with the current
// parameters, through the gate like a real one.
func (h Argon2id) VerifyDummy(ctx context.Context, plain string) error {
	_, dummy := h.hashParams()
	return h.hashGate().Do(ctx, func() { VerifyPassword(dummy, plain) })
}

// Validate checks a new password for the account with the given e-mail
// address against the policy.
func (h Argon2id) Validate(email, plain string) error { return h.policy.Check(email, plain) }
