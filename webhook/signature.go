// Package webhook signs and delivers events to the HTTP endpoints that
// newsrooms and chat gateways register, following the Standard Webhooks
// specification: a JSON body {"type","timestamp","data"} and the headers
// webhook-id, webhook-timestamp and webhook-signature, where the signature is
// "v1," followed by the base64 HMAC-SHA256 of "id.timestamp.body" under the
// endpoint's secret. The package knows nothing of storage or queues: the
// caller stores endpoints and deliveries and schedules retries with Backoff.
package webhook

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The header names of the Standard Webhooks specification.
const (
	HeaderID        = "webhook-id"
	HeaderTimestamp = "webhook-timestamp"
	HeaderSignature = "webhook-signature"
)

// SecretPrefix starts every symmetric signing secret; the rest is the
// base64-encoded key.
const SecretPrefix = "whsec_"

// secretBytes is the length of a generated key: the specification asks for
// 24 to 64 bytes.
const secretBytes = 32

// DefaultTolerance is how far a webhook-timestamp may be from the receiver's
// clock before Verify refuses it as a possible replay.
const DefaultTolerance = 5 * time.Minute

// Errors of Verify and of the secret and identifier checks.
var (
	ErrInvalidSecret    = errors.New("webhook: the secret is not whsec_ followed by a base64 key")
	ErrInvalidID        = errors.New("webhook: the message id is empty or contains a full stop or a space")
	ErrMissingHeaders   = errors.New("webhook: webhook-id, webhook-timestamp or webhook-signature is missing")
	ErrInvalidTimestamp = errors.New("webhook: webhook-timestamp is not a unix time in seconds")
	ErrTimestampSkew    = errors.New("webhook: webhook-timestamp is too far from the current time")
	ErrNoMatch          = errors.New("webhook: no signature matches")
)

// NewSecret returns a fresh signing secret, "whsec_" followed by 32 random
// bytes in standard base64. It is shown to the endpoint's owner once.
func NewSecret() (string, error) {
	key := make([]byte, secretBytes)
	if _, err := rand.Read(key); err != nil {
		return "", fmt.Errorf("webhook: reading random bytes: %w", err)
	}
	return SecretPrefix + base64.StdEncoding.EncodeToString(key), nil
}

// DecodeSecret returns the key of a "whsec_…" secret. A secret without the
// prefix is accepted too, as the reference libraries do.
func DecodeSecret(secret string) ([]byte, error) {
	encoded := strings.TrimPrefix(secret, SecretPrefix)
	key, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil || len(key) == 0 {
		return nil, ErrInvalidSecret
	}
	return key, nil
}

// ValidID reports whether id can be a webhook-id: not empty, at most 255
// bytes, and without a full stop or white space, which would make the signed
// content "id.timestamp.body" ambiguous.
func ValidID(id string) bool {
	return id != "" && len(id) <= 255 && !strings.ContainsAny(id, ". \t\r\n")
}

// Sign returns the webhook-signature value "v1,<base64 HMAC-SHA256>" of body
// sent with the given id at the given time.
func Sign(secret, id string, timestamp time.Time, body []byte) (string, error) {
	key, err := DecodeSecret(secret)
	if err != nil {
		return "", err
	}
	if !ValidID(id) {
		return "", ErrInvalidID
	}
	return "v1," + base64.StdEncoding.EncodeToString(mac(key, id, timestamp.Unix(), body)), nil
}

func mac(key []byte, id string, unix int64, body []byte) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(id))
	h.Write([]byte{'.'})
	h.Write([]byte(strconv.FormatInt(unix, 10)))
	h.Write([]byte{'.'})
	h.Write(body)
	return h.Sum(nil)
}

// Verify checks a received webhook as a receiver would: the three headers are
// present, the timestamp is within DefaultTolerance of now, and one of the
// space-separated "v1,…" signatures matches body under secret (compared in
// constant time). Signatures of other schemes are ignored.
func Verify(secret string, header http.Header, body []byte, now time.Time) error {
	key, err := DecodeSecret(secret)
	if err != nil {
		return err
	}
	id, stamp, sigs := header.Get(HeaderID), header.Get(HeaderTimestamp), header.Get(HeaderSignature)
	if id == "" || stamp == "" || sigs == "" {
		return ErrMissingHeaders
	}
	unix, err := strconv.ParseInt(stamp, 10, 64)
	if err != nil {
		return ErrInvalidTimestamp
	}
	if skew := now.Sub(time.Unix(unix, 0)); skew > DefaultTolerance || skew < -DefaultTolerance {
		return ErrTimestampSkew
	}
	want := mac(key, id, unix, body)
	for _, sig := range strings.Fields(sigs) {
		version, encoded, ok := strings.Cut(sig, ",")
		if !ok || version != "v1" {
			continue
		}
		got, err := base64.StdEncoding.DecodeString(encoded)
		if err != nil {
			continue
		}
		if subtle.ConstantTimeCompare(got, want) == 1 {
			return nil
		}
	}
	return ErrNoMatch
}
