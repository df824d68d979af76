package main_test

import (
	"strings"
	"testing"
)

// TestFaultPasswordPolicyCLI sets guessable passwords from the command line:
// user add and user passwd refuse them and name the field.
func TestFaultPasswordPolicyCLI(t *testing.T) {
	env := []string{"TANGGAP_DATA_DIR=" + t.TempDir(), "TANGGAP_DATABASE_URL=", "TANGGAP_JWT_SECRET=" + secret}
	if out, err := command(t, env, "", "migrate", "up"); err != nil {
		t.Fatalf("migrate up: %v\n%s", err, out)
	}
	add := []string{"user", "add", "--email", "operator@kotabarukab.go.id", "--name", "Operator Satu", "--role", "TRC"}
	for _, bad := range []string{"indonesia123", "bismillah2026", "tanggap-demo-2026", "operator@kotabarukab.go.id"} {
		out, err := command(t, env, bad+"\n", add...)
		if err == nil || !strings.Contains(out, "password: kata sandi") {
			t.Errorf("user add with %q: %v\n%s", bad, err, out)
		}
	}
	if out, err := command(t, env, "Perahu-Layar-Selat-Laut-7\n", add...); err != nil {
		t.Fatalf("user add with a good password: %v\n%s", err, out)
	}
	passwd := []string{"user", "passwd", "--email", "operator@kotabarukab.go.id"}
	if out, err := command(t, env, "tanggap-demo-2026\n", passwd...); err == nil || !strings.Contains(out, "password: kata sandi demo") {
		t.Errorf("user passwd with the demo password: %v\n%s", err, out)
	}
	if out, err := command(t, env, "Jembatan-Sebuku-Tanjung-9\n", passwd...); err != nil {
		t.Errorf("user passwd with a good password: %v\n%s", err, out)
	}
}
