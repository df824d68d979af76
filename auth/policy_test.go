package auth_test

import (
	"strings"
	"testing"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/models"
)

// TestFaultPasswordPolicy checks the passwords the policy refuses, each with
// an EINVALID error on the field "password" in Indonesian, and some it must
// keep accepting.
func TestFaultPasswordPolicy(t *testing.T) {
	const email = "budi.santoso@kotabarukab.go.id"
	const common = "kata sandi terlalu umum dan mudah ditebak; pilih yang lain"
	refused := []struct {
		name, plain, message string
	}{
		{"WhitespaceOnly", strings.Repeat(" ", 12), "kata sandi tidak boleh hanya berisi spasi"},
		{"TabsAndSpaces", " \t \t \t \t \t ", "kata sandi tidak boleh hanya berisi spasi"},
		{"DemoPassword", auth.DemoPassword, "kata sandi demo tidak boleh dipakai di luar mode demo"},
		{"DemoPasswordCapitalised", "Tanggap-Demo-2026", "kata sandi demo tidak boleh dipakai di luar mode demo"},
		{"Email", email, "kata sandi tidak boleh sama dengan alamat e-mail"},
		{"EmailUpperCase", strings.ToUpper(email), "kata sandi tidak boleh sama dengan alamat e-mail"},
		{"LocalPartWithDigits", "budi.santoso2026", "kata sandi tidak boleh sama dengan alamat e-mail"},
		{"LocalPartSquashed", "BudiSantoso!!", "kata sandi tidak boleh sama dengan alamat e-mail"},
		{"CommonWhole", "1234567890", "kata sandi tidak boleh berupa deret atau karakter berulang"},
		{"Repeated", "aaaaaaaaaaaa", "kata sandi tidak boleh berupa deret atau karakter berulang"},
		{"Descending", "9876543210", "kata sandi tidak boleh berupa deret atau karakter berulang"},
		{"CommonOpenwall", "basketball", common},
		{"CommonWithDigits", "password123", common},
		{"CommonWithYear", "Sunshine2026!", common},
		{"Leet", "P@ssw0rd2026", common},
		{"Bismillah", "bismillah!", common},
		{"BismillahDigits", "Bismillah123", common},
		{"Indonesia123", "indonesia123", common},
		{"IndonesiaSpaced", "Indonesia 2026", common},
		{"KotabaruYear", "kotabaru2026", common},
		{"Alhamdulillah", "alhamdulillah1", common},
		{"SayangDigits", "sayangku12345", common},
		{"LeadingDigits", "17agustus1945", common},
		{"KeyboardWalk", "qwertyuiop", common},
		{"Phrase", "aku-cinta-kamu", common},
		{"TooShortStill", "sembilan9", "kata sandi minimal 10 karakter"},
	}
	policy := auth.PasswordPolicy{}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			err := policy.Check(email, tt.plain)
			if models.ErrorCode(err) != models.EINVALID || models.ErrorField(err) != "password" {
				t.Fatalf("Check(%q) = %v; want BAD_USER_INPUT on password", tt.plain, err)
			}
			if msg := models.ErrorMessage(err); !strings.HasPrefix(msg, tt.message) {
				t.Errorf("message %q, want %q", msg, tt.message)
			}
		})
	}

	accepted := []string{
		"kata-sandi-uji-123",
		"Rapat pagi di Batulicin jam 8",
		"xk29!ab#q7Lm",
		"a9f8e7d6c5b4",
		"m8273645190x",
		"Kapal-Feri-Pelabuhan-Samudra",
		"ééé-ààà-ööö-üü",
	}
	for _, plain := range accepted {
		if err := policy.Check(email, plain); err != nil {
			t.Errorf("Check(%q) = %v; want it accepted", plain, err)
		}
	}

	t.Run("DemoMode", func(t *testing.T) {
		if err := (auth.PasswordPolicy{AllowDemoPassword: true}).Check(email, auth.DemoPassword); err != nil {
			t.Errorf("the demo password in demo mode: %v", err)
		}
	})
	t.Run("ShortLocalPart", func(t *testing.T) {
		// A local part too short to be a password must not refuse every
		// password that contains it.
		if err := policy.Check("ab@kotabarukab.go.id", "ab-rapat-bulanan-77"); err != nil {
			t.Errorf("Check = %v", err)
		}
	})
}

// TestCommonPasswordListsLoad guards the embedded lists: a broken embed
// would silently accept every common password.
func TestCommonPasswordListsLoad(t *testing.T) {
	for _, plain := range []string{"iloveyou12", "letmein2026", "merahputih", "garudaindonesia"} {
		if err := (auth.PasswordPolicy{}).Check("x@y.id", plain); err == nil {
			t.Errorf("%q was accepted; the embedded lists are not read", plain)
		}
	}
}
