package webhook_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/webhook"
)

// specVerify is the receiver's check written again from the text of the
// Standard Webhooks specification, sharing no code with the package: the key
// is the base64 decoding of what follows "whsec_", the signed content is
// "{msg_id}.{timestamp}.{payload}", and webhook-signature is a space-separated
// list of "v1,<base64 HMAC-SHA256>" of which one must match.
func specVerify(t *testing.T, secret string, header http.Header, body []byte) error {
	t.Helper()
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return fmt.Errorf("secret: %v", err)
	}
	id := header.Get("webhook-id")
	stamp := header.Get("webhook-timestamp")
	if id == "" || stamp == "" {
		return errors.New("webhook-id or webhook-timestamp missing")
	}
	if _, err := strconv.ParseInt(stamp, 10, 64); err != nil {
		return fmt.Errorf("webhook-timestamp %q is not an integer", stamp)
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id + "." + stamp + "." + string(body)))
	expected := "v1," + base64.StdEncoding.EncodeToString(m.Sum(nil))
	for _, sig := range strings.Split(header.Get("webhook-signature"), " ") {
		if hmac.Equal([]byte(sig), []byte(expected)) {
			return nil
		}
	}
	return fmt.Errorf("no signature in %q equals %q", header.Get("webhook-signature"), expected)
}

// TestSignSpecVector checks Sign against the vector published with the
// Standard Webhooks reference libraries.
func TestSignSpecVector(t *testing.T) {
	got, err := webhook.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
		time.Unix(1614265330, 0), []byte(`{"test": 2432232314}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="; got != want {
		t.Fatalf("Sign = %s, want %s", got, want)
	}
}

func TestNewSecret(t *testing.T) {
	a, err := webhook.NewSecret()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := webhook.NewSecret()
	if !strings.HasPrefix(a, "whsec_") || a == b {
		t.Fatalf("secrets %q and %q: want distinct whsec_ secrets", a, b)
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(a, "whsec_"))
	if err != nil || len(key) < 24 || len(key) > 64 {
		t.Fatalf("key of %q: %d bytes, %v; the specification asks for 24 to 64", a, len(key), err)
	}
	body := []byte(`{"type":"response.published"}`)
	now := time.Now()
	sig, err := webhook.Sign(a, "msg_1", now, body)
	if err != nil {
		t.Fatal(err)
	}
	h := http.Header{}
	h.Set("webhook-id", "msg_1")
	h.Set("webhook-timestamp", strconv.FormatInt(now.Unix(), 10))
	h.Set("webhook-signature", sig)
	if err := specVerify(t, a, h, body); err != nil {
		t.Fatal(err)
	}
}

func TestVerify(t *testing.T) {
	secret, _ := webhook.NewSecret()
	other, _ := webhook.NewSecret()
	now := time.Unix(1_800_000_000, 0)
	body := []byte(`{"type":"issue.status_changed","timestamp":"2027-01-15T08:00:00Z","data":{"number":"KTB-2027-000001"}}`)
	signed := func(at time.Time, secrets ...string) http.Header {
		h := http.Header{}
		h.Set("webhook-id", "msg_42")
		h.Set("webhook-timestamp", strconv.FormatInt(at.Unix(), 10))
		var sigs []string
		for _, s := range secrets {
			sig, err := webhook.Sign(s, "msg_42", at, body)
			if err != nil {
				t.Fatal(err)
			}
			sigs = append(sigs, sig)
		}
		h.Set("webhook-signature", strings.Join(sigs, " "))
		return h
	}
	t.Run("OK", func(t *testing.T) {
		if err := webhook.Verify(secret, signed(now, secret), body, now); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("OKSecondOfTwoSignatures", func(t *testing.T) {
		h := signed(now, other, secret)
		h.Set("webhook-signature", "v1a,AAAA "+h.Get("webhook-signature"))
		if err := webhook.Verify(secret, h, body, now); err != nil {
			t.Fatal(err)
		}
	})
	cases := []struct {
		name   string
		header http.Header
		body   []byte
		want   error
	}{
		{"ErrNoMatchTamperedBody", signed(now, secret), []byte(strings.Replace(string(body), "000001", "000002", 1)), webhook.ErrNoMatch},
		{"ErrNoMatchWrongSecret", signed(now, other), body, webhook.ErrNoMatch},
		{"ErrTimestampSkewOld", signed(now.Add(-6*time.Minute), secret), body, webhook.ErrTimestampSkew},
		{"ErrTimestampSkewFuture", signed(now.Add(6*time.Minute), secret), body, webhook.ErrTimestampSkew},
		{"ErrMissingHeaders", http.Header{}, body, webhook.ErrMissingHeaders},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := webhook.Verify(secret, c.header, c.body, now); !errors.Is(err, c.want) {
				t.Fatalf("Verify = %v, want %v", err, c.want)
			}
		})
	}
	t.Run("ErrInvalidSecret", func(t *testing.T) {
		if _, err := webhook.Sign("whsec_not base64!", "msg_1", now, body); !errors.Is(err, webhook.ErrInvalidSecret) {
			t.Fatalf("Sign = %v, want ErrInvalidSecret", err)
		}
	})
	t.Run("ErrInvalidID", func(t *testing.T) {
		if _, err := webhook.Sign(secret, "msg.1", now, body); !errors.Is(err, webhook.ErrInvalidID) {
			t.Fatalf("Sign = %v, want ErrInvalidID", err)
		}
	})
}
