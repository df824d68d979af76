// Package auth hashes and checks staff passwords and issues and verifies the
// short-lived bearer tokens staff send with their API calls.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/kotabaru/tanggap/models"
)

// Argon2id parameters for new hashes, OWASP's current recommendation for
// password storage: 19 MiB, two passes, one lane.
const (
	DefaultArgonMemoryKiB = 19 * 1024
	argonTime             = 2
	argonThreads          = 1
	argonSaltLen          = 16
	argonKeyLen           = 32
)

// MinArgonMemoryKiB is the smallest memory cost a deployment may configure;
// OWASP's lightest recommended setting is 7 MiB with five passes.
const MinArgonMemoryKiB = 8 * 1024

// Bounds on the parameters VerifyPassword accepts from a stored hash, so that
// a corrupted or planted hash cannot make one login allocate gigabytes or run
// for minutes.
const (
	MaxArgonMemoryKiB = 256 * 1024
	maxArgonTime      = 16
	maxArgonThreads   = 16
	minArgonSaltLen   = 8
	maxArgonSaltLen   = 64
	minArgonKeyLen    = 16
	maxArgonKeyLen    = 64
)

// Password length limits enforced by ValidatePassword.
const (
	MinPasswordChars = 10
	MaxPasswordBytes = 128
)

// argonParams are the cost parameters stored in an encoded hash.
type argonParams struct {
	memoryKiB uint32
	time      uint32
	threads   uint8
}

var defaultParams = argonParams{memoryKiB: DefaultArgonMemoryKiB, time: argonTime, threads: argonThreads}

// paramsForMemory returns the parameters for a memory cost in KiB. Below the
// default memory it adds passes as OWASP's equivalent settings do (12 MiB
// with three passes, 9 MiB with four, 7 MiB with five), so a smaller memory
// cost does not make a hash cheaper to guess.
func paramsForMemory(memoryKiB uint32) argonParams {
	p := argonParams{memoryKiB: memoryKiB, time: argonTime, threads: argonThreads}
	switch {
	case memoryKiB >= DefaultArgonMemoryKiB:
	case memoryKiB >= 12*1024:
		p.time = 3
	case memoryKiB >= 9*1024:
		p.time = 4
	default:
		p.time = 5
	}
	return p
}

// dummyHash has the parameters of a real hash, so that checking a password
// against it costs exactly as much as checking a real one.
var dummyHash = dummyHashFor(defaultParams)

func dummyHashFor(p argonParams) string {
	return encodeHash(p, make([]byte, argonSaltLen), make([]byte, argonKeyLen))
}

// HashPassword returns the Argon2id hash of plain in the PHC string format,
// for example "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>", with a fresh
// random salt. It does not check the password policy; call ValidatePassword
// first for passwords chosen by people.
func HashPassword(plain string) (string, error) { return hashWith(defaultParams, plain) }

func hashWith(p argonParams, plain string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: reading salt: %w", err)
	}
	key := argon2.IDKey([]byte(plain), salt, p.time, p.memoryKiB, p.threads, argonKeyLen)
	return encodeHash(p, salt, key), nil
}

// VerifyPassword reports whether plain matches the encoded Argon2id hash. It
// reads the parameters from the hash itself, so hashes made with older
// parameters keep working, and compares in constant time. A malformed hash,
// or one whose parameters are out of bounds, never matches.
func VerifyPassword(encoded, plain string) bool {
	params, salt, key, err := decodeHash(encoded)
	if err != nil {
		return false
	}
	got := argon2.IDKey([]byte(plain), salt, params.time, params.memoryKiB, params.threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1
}

// VerifyDummy checks plain against a fixed hash made with the current
// parameters and discards the result. Login calls it when no account has the
// given e-mail address, so that an unknown address takes as long as a wrong
// password.
func VerifyDummy(plain string) {
	VerifyPassword(dummyHash, plain)
}

// ValidatePassword checks the form of a new password: at least
// MinPasswordChars characters and at most MaxPasswordBytes bytes of valid
// UTF-8, and not only white space. It returns an EINVALID error on the field
// "password" whose message, in Indonesian, can be shown to the staff member
// who chose it. PasswordPolicy.Check adds the checks against common and
// guessable passwords.
func ValidatePassword(plain string) error {
	switch {
	case !utf8.ValidString(plain):
		return models.Invalid("password", "kata sandi berisi karakter yang tidak valid")
	case plain != "" && strings.TrimFunc(plain, unicode.IsSpace) == "":
		return models.Invalid("password", "kata sandi tidak boleh hanya berisi spasi")
	case utf8.RuneCountInString(plain) < MinPasswordChars:
		return models.Invalid("password", "kata sandi minimal %d karakter", MinPasswordChars)
	case len(plain) > MaxPasswordBytes:
		return models.Invalid("password", "kata sandi maksimal %d byte", MaxPasswordBytes)
	}
	return nil
}

func encodeHash(p argonParams, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.memoryKiB, p.time, p.threads,
		base64.RawStdEncoding.EncodeToString(salt),
		base64.RawStdEncoding.EncodeToString(key))
}

var errMalformedHash = errors.New("auth: malformed password hash")

func decodeHash(encoded string) (p argonParams, salt, key []byte, err error) {
	// "$argon2id$v=19$m=…,t=…,p=…$salt$key" splits into six parts, the first empty.
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, errMalformedHash
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, nil, nil, errMalformedHash
	}
	fields := strings.Split(parts[3], ",")
	if len(fields) != 3 {
		return p, nil, nil, errMalformedHash
	}
	memory, ok1 := parseParam(fields[0], "m=", 8, MaxArgonMemoryKiB)
	passes, ok2 := parseParam(fields[1], "t=", 1, maxArgonTime)
	threads, ok3 := parseParam(fields[2], "p=", 1, maxArgonThreads)
	if !ok1 || !ok2 || !ok3 {
		return p, nil, nil, errMalformedHash
	}
	p = argonParams{memoryKiB: memory, time: passes, threads: uint8(threads)}
	salt, err = base64.RawStdEncoding.Strict().DecodeString(parts[4])
	if err != nil || len(salt) < minArgonSaltLen || len(salt) > maxArgonSaltLen {
		return p, nil, nil, errMalformedHash
	}
	key, err = base64.RawStdEncoding.Strict().DecodeString(parts[5])
	if err != nil || len(key) < minArgonKeyLen || len(key) > maxArgonKeyLen {
		return p, nil, nil, errMalformedHash
	}
	return p, salt, key, nil
}

// parseParam reads a "name=value" parameter whose value must lie in [lo, hi].
func parseParam(field, prefix string, lo, hi uint32) (uint32, bool) {
	digits, ok := strings.CutPrefix(field, prefix)
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseUint(digits, 10, 32)
	if err != nil || uint32(v) < lo || uint32(v) > hi {
		return 0, false
	}
	return uint32(v), true
}
