package webhook_test

import (
	"context"
	"errors"
	"net/netip"
	"strings"
	"testing"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/webhook"
)

func TestBlocked(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1":        true,
		"127.8.9.10":       true,
		"::1":              true,
		"::ffff:127.0.0.1": true,
		"10.1.2.3":         true,
		"172.16.0.1":       true,
		"172.31.255.255":   true,
		"192.168.1.1":      true,
		"fd00::1":          true,
		"169.254.169.254":  true,
		"fe80::1":          true,
		"0.0.0.0":          true,
		"::":               true,
		"224.0.0.251":      true,
		"ff02::1":          true,
		"100.64.0.1":       true,
		"100.127.255.254":  true,
		"255.255.255.255":  true,
		"64:ff9b::a00:1":   true,
		"8.8.8.8":          false,
		"172.32.0.1":       false,
		"100.128.0.1":      false,
		"103.10.20.30":     false,
		"2606:4700::1111":  false,
	} {
		if got := webhook.Blocked(netip.MustParseAddr(addr)); got != want {
			t.Errorf("Blocked(%s) = %v, want %v", addr, got, want)
		}
	}
}

func TestValidateURL(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		// An address literal needs no name resolution, so the test stays on
		// the machine.
		for _, u := range []string{"https://203.0.113.10/hook", "http://8.8.8.8:8080/webhook?x=1"} {
			if err := webhook.ValidateURL(ctx, u, false); err != nil {
				t.Errorf("%s: %v", u, err)
			}
		}
	})
	t.Run("OKPrivateAllowed", func(t *testing.T) {
		for _, u := range []string{"http://127.0.0.1:8080/hook", "http://localhost:1/"} {
			if err := webhook.ValidateURL(ctx, u, true); err != nil {
				t.Errorf("%s: %v", u, err)
			}
		}
	})
	cases := map[string]string{
		"":                               "wajib diisi",
		"ftp://example.com/x":            "http:// atau https://",
		"javascript:alert(1)":            "http:// atau https://",
		"example.com/hook":               "alamat lengkap",
		"http://user:sandi@8.8.8.8/":     "kata sandi",
		"http://127.0.0.1:8080/":         "jaringan privat",
		"http://[::1]/":                  "jaringan privat",
		"http://10.0.0.5/":               "jaringan privat",
		"http://169.254.169.254/latest/": "jaringan privat",
		"http://100.64.3.4/":             "jaringan privat",
		"http://0.0.0.0/":                "jaringan privat",
		"http://localhost:9/":            "jaringan privat",
	}
	for u, want := range cases {
		t.Run("ErrInvalid", func(t *testing.T) {
			err := webhook.ValidateURL(ctx, u, false)
			if models.ErrorCode(err) != models.EINVALID || !strings.Contains(models.ErrorMessage(err), want) {
				t.Fatalf("ValidateURL(%q) = %v, want %s mentioning %q", u, err, models.EINVALID, want)
			}
			var e *models.Error
			if !errors.As(err, &e) || e.Field != "url" {
				t.Fatalf("ValidateURL(%q): field %+v, want url", u, e)
			}
		})
	}
}
