package models

import (
	"crypto/rand"
	"strings"
)

// crockford is Crockford's base32 alphabet: no I, L, O or U, so a code read
// aloud or typed on a phone is hard to get wrong.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// TrackingCodeLength is the number of symbols of a tracking code: 13 symbols
// of 5 bits carry 65 bits from crypto/rand.
const TrackingCodeLength = 13

// NewTrackingCode returns a fresh random tracking code, ungrouped.
func NewTrackingCode() string {
	var b [TrackingCodeLength]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	for i := range b {
		b[i] = crockford[b[i]&31]
	}
	return string(b[:])
}

// FormatTrackingCode groups a code for display: XXXX-XXXX-XXXXX.
func FormatTrackingCode(code string) string {
	if len(code) != TrackingCodeLength {
		return code
	}
	return code[:4] + "-" + code[4:8] + "-" + code[8:]
}

// NormalizeTrackingCode reads a code as a person typed it: any case, with or
// without dashes and spaces, and with the letters Crockford maps to digits
// (O→0, I and L→1). It returns false for anything that cannot be a code.
func NormalizeTrackingCode(input string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.ToUpper(input) {
		switch {
		case r == '-' || r == ' ':
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		if !strings.ContainsRune(crockford, r) {
			return "", false
		}
		b.WriteRune(r)
	}
	code := b.String()
	return code, len(code) == TrackingCodeLength
}
