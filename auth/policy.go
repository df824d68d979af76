package auth

import (
	"bufio"
	"embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kotabaru/tanggap/models"
)

// DemoPassword is the password of every demo staff account. It is public
// (the README prints it), so the policy refuses it outside demo mode.
const DemoPassword = "tanggap-demo-2026"

// minBaseRunes is the shortest stripped form that is compared with the
// lists: shorter ones ("a", "go") would refuse random strings that happen to
// start with a letter and end in digits.
const minBaseRunes = 3

//go:embed commonpasswords/*.lst commonpasswords/*.txt
var commonPasswordFiles embed.FS

// commonPasswords is the normalised set of every listed password, read once.
var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	set := map[string]struct{}{}
	entries, err := commonPasswordFiles.ReadDir("commonpasswords")
	if err != nil {
		panic("auth: embedded password lists: " + err.Error())
	}
	for _, e := range entries {
		f, err := commonPasswordFiles.Open("commonpasswords/" + e.Name())
		if err != nil {
			panic("auth: embedded password list: " + err.Error())
		}
		scanner := bufio.NewScanner(f)
		for scanner.Scan() {
			line := strings.TrimSpace(scanner.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			if n := squash(line); n != "" {
				set[n] = struct{}{}
			}
		}
		f.Close()
	}
	return set
})

// PasswordPolicy decides whether a password chosen by a person may be used.
// The zero value is the policy outside demo mode.
type PasswordPolicy struct {
	// AllowDemoPassword accepts DemoPassword, for demo deployments whose
	// accounts all use it anyway.
	AllowDemoPassword bool
}

// Check returns an EINVALID error on the field "password", with an
// Indonesian message, when plain is not acceptable for the account with the
// given e-mail address: the length and form rules of ValidatePassword, and
// neither a common password (or one with digits and symbols added around
// it), the e-mail address or its local part, nor the public demo password.
func (p PasswordPolicy) Check(email, plain string) error {
	if err := ValidatePassword(plain); err != nil {
		return err
	}
	if !p.AllowDemoPassword && strings.EqualFold(strings.TrimSpace(plain), DemoPassword) {
		return models.Invalid("password", "kata sandi demo tidak boleh dipakai di luar mode demo")
	}
	if email = strings.ToLower(strings.TrimSpace(email)); email != "" {
		local, _, _ := strings.Cut(email, "@")
		for _, form := range forms(plain) {
			if form == squash(email) || (local != "" && form == squash(local)) {
				return models.Invalid("password", "kata sandi tidak boleh sama dengan alamat e-mail")
			}
		}
	}
	if isRunOrRepeat(strings.ToLower(plain)) {
		return models.Invalid("password", "kata sandi tidak boleh berupa deret atau karakter berulang")
	}
	list := commonPasswords()
	for _, form := range forms(plain) {
		if _, ok := list[form]; ok {
			return models.Invalid("password", "kata sandi terlalu umum dan mudah ditebak; pilih yang lain")
		}
	}
	return nil
}

// forms returns the normalised forms of plain that are compared with the
// lists: the whole password, the password without leading and trailing
// digits and symbols, and both with common letter substitutions undone.
func forms(plain string) []string {
	whole := squash(plain)
	out := []string{whole}
	base := strings.TrimFunc(whole, func(r rune) bool { return !unicode.IsLetter(r) })
	if utf8.RuneCountInString(base) >= minBaseRunes && base != whole {
		out = append(out, base)
	}
	for _, f := range out { // ranges over the forms found so far only
		for _, undo := range []*strings.Replacer{leetAsI, leetAsL} {
			plain := undo.Replace(f)
			plainBase := strings.TrimFunc(plain, func(r rune) bool { return !unicode.IsLetter(r) })
			for _, g := range []string{plain, plainBase} {
				if g != f && utf8.RuneCountInString(g) >= minBaseRunes {
					out = append(out, g)
				}
			}
		}
	}
	return out
}

// Common letter substitutions; "1" stands for i or l, so both are tried.
var (
	leetAsI = strings.NewReplacer("@", "a", "4", "a", "3", "e", "1", "i", "!", "i", "0", "o", "$", "s", "5", "s", "7", "t")
	leetAsL = strings.NewReplacer("@", "a", "4", "a", "3", "e", "1", "l", "!", "i", "0", "o", "$", "s", "5", "s", "7", "t")
)

// squash lower-cases s and drops spaces, dots, dashes and underscores, which
// people put between the words of a common password.
func squash(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsSpace(r) || r == '.' || r == '-' || r == '_' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isRunOrRepeat reports whether s is one character repeated ("aaaaaaaaaa")
// or a run of consecutive characters up or down ("1234567890",
// "abcdefghij", "9876543210"); "0" may follow "9" in a run of digits.
func isRunOrRepeat(s string) bool {
	runes := []rune(s)
	if len(runes) < 2 {
		return false
	}
	same, up, down := true, true, true
	for i := 1; i < len(runes); i++ {
		prev, cur := runes[i-1], runes[i]
		same = same && cur == prev
		up = up && (cur == prev+1 || (prev == '9' && cur == '0'))
		down = down && (cur == prev-1 || (prev == '0' && cur == '9'))
	}
	return same || up || down
}
