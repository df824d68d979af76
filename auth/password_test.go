package auth_test

import (
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/argon2"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/models"
)

// cheapHash encodes an Argon2id hash of plain with tiny parameters, so tests
// can check parsing without paying for the production cost.
func cheapHash(plain string) string {
	salt := []byte("0123456789abcdef")
	key := argon2.IDKey([]byte(plain), salt, 1, 64, 1, 32)
	return fmt.Sprintf("$argon2id$v=19$m=64,t=1,p=1$%s$%s",
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

func TestHashPassword(t *testing.T) {
	// Each production-cost hash takes noticeable time under the race
	// detector, so this test makes as few as it can.
	const plain = "rahasia-kotabaru-2025"
	encoded, err := auth.HashPassword(plain)
	if err != nil {
		t.Fatal(err)
	}
	format := regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)
	if !format.MatchString(encoded) {
		t.Fatalf("HashPassword = %q; want the PHC format with OWASP parameters", encoded)
	}

	t.Run("OK", func(t *testing.T) {
		if !auth.VerifyPassword(encoded, plain) {
			t.Error("VerifyPassword with the right password = false")
		}
	})
	t.Run("ErrWrongPassword", func(t *testing.T) {
		if auth.VerifyPassword(encoded, plain+"x") {
			t.Error("VerifyPassword with a wrong password = true")
		}
	})
	t.Run("FreshSalt", func(t *testing.T) {
		again, err := auth.HashPassword(plain)
		if err != nil {
			t.Fatal(err)
		}
		if again == encoded {
			t.Error("two hashes of the same password are identical; want a fresh salt each time")
		}
	})
	t.Run("DummyTakesAsLong", func(t *testing.T) {
		start := time.Now()
		auth.VerifyPassword(encoded, "wrong password")
		wrong := time.Since(start)
		start = time.Now()
		auth.VerifyDummy("wrong password")
		dummy := time.Since(start)
		// Generous bounds: the machine is shared, but a dummy that skips the
		// derivation would be orders of magnitude faster.
		if dummy < wrong/4 {
			t.Errorf("VerifyDummy took %v, a wrong password %v; want comparable times", dummy, wrong)
		}
	})
}

func TestVerifyPasswordEncodings(t *testing.T) {
	const plain = "kata sandi yang panjang"
	valid := cheapHash(plain)
	if !auth.VerifyPassword(valid, plain) {
		t.Fatal("VerifyPassword of a hash with other parameters = false; want the parameters read from the hash")
	}
	parts := strings.Split(valid, "$")
	salt, key := parts[4], parts[5]

	malformed := map[string]string{
		"Empty":           "",
		"Plaintext":       plain,
		"Argon2i":         "$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + key,
		"Bcrypt":          "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
		"OldVersion":      "$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + key,
		"NoVersion":       "$argon2id$m=64,t=1,p=1$" + salt + "$" + key,
		"ParamsReordered": "$argon2id$v=19$t=1,m=64,p=1$" + salt + "$" + key,
		"ParamMissing":    "$argon2id$v=19$m=64,t=1$" + salt + "$" + key,
		"ParamSigned":     "$argon2id$v=19$m=+64,t=1,p=1$" + salt + "$" + key,
		"ZeroTime":        "$argon2id$v=19$m=64,t=0,p=1$" + salt + "$" + key,
		"ZeroThreads":     "$argon2id$v=19$m=64,t=1,p=0$" + salt + "$" + key,
		"HugeMemory":      "$argon2id$v=19$m=4194304,t=1,p=1$" + salt + "$" + key,
		"HugeTime":        "$argon2id$v=19$m=64,t=1000000,p=1$" + salt + "$" + key,
		"HugeThreads":     "$argon2id$v=19$m=64,t=1,p=255$" + salt + "$" + key,
		"OverflowMemory":  "$argon2id$v=19$m=99999999999,t=1,p=1$" + salt + "$" + key,
		"SaltNotBase64":   "$argon2id$v=19$m=64,t=1,p=1$!!!!$" + key,
		"SaltPadded":      "$argon2id$v=19$m=64,t=1,p=1$" + salt + "==$" + key,
		"SaltTooShort":    "$argon2id$v=19$m=64,t=1,p=1$AAAA$" + key,
		"KeyEmpty":        "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$",
		"KeyTooShort":     "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key[:8],
		"KeyTruncated":    "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key[:len(key)-1],
		"ExtraField":      valid + "$extra",
		"NoLeadingDollar": strings.TrimPrefix(valid, "$"),
	}
	for name, encoded := range malformed {
		t.Run(name, func(t *testing.T) {
			if auth.VerifyPassword(encoded, plain) {
				t.Errorf("VerifyPassword(%q) = true; want false", encoded)
			}
		})
	}
}

func TestValidatePassword(t *testing.T) {
	tests := []struct {
		name    string
		plain   string
		message string
	}{
		{"OK", "sepuluh-ka", ""},
		{"OKMultibyte", strings.Repeat("é", 10), ""},
		{"OKLongest", strings.Repeat("a", auth.MaxPasswordBytes), ""},
		{"ErrEmpty", "", "kata sandi minimal 10 karakter"},
		{"ErrTooShort", "sembilan9", "kata sandi minimal 10 karakter"},
		{"ErrTooShortInCharacters", strings.Repeat("é", 9), "kata sandi minimal 10 karakter"},
		{"ErrTooLong", strings.Repeat("a", auth.MaxPasswordBytes+1), "kata sandi maksimal 128 byte"},
		{"ErrTooLongInBytes", strings.Repeat("é", auth.MaxPasswordBytes/2+1), "kata sandi maksimal 128 byte"},
		{"ErrInvalidUTF8", "kata sandi \xff\xfe", "kata sandi berisi karakter yang tidak valid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := auth.ValidatePassword(tt.plain)
			if tt.message == "" {
				if err != nil {
					t.Fatalf("ValidatePassword = %v; want nil", err)
				}
				return
			}
			if code := models.ErrorCode(err); code != models.EINVALID {
				t.Fatalf("ValidatePassword = %v (code %q); want code %q", err, code, models.EINVALID)
			}
			if field := models.ErrorField(err); field != "password" {
				t.Errorf("error field = %q; want %q", field, "password")
			}
			if msg := models.ErrorMessage(err); msg != tt.message {
				t.Errorf("error message = %q; want %q", msg, tt.message)
			}
		})
	}
}
