package models

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Webhook event types: what a registered endpoint may subscribe to. Their
// payloads carry public fields only (issue number, title, status, agency,
// verdict, public links, the answer's excerpt; a question's tracking code),
// never a person's name or contact.
const (
	WebhookResponsePublished  = "response.published"
	WebhookResponseRevised    = "response.revised"
	WebhookIssueStatusChanged = "issue.status_changed"
	WebhookQuestionAnswered   = "question.answered"
)

// WebhookEvents lists every event type an endpoint may subscribe to.
var WebhookEvents = []string{WebhookResponsePublished, WebhookResponseRevised, WebhookIssueStatusChanged, WebhookQuestionAnswered}

// Delivery statuses.
const (
	DeliveryPending   = "PENDING"
	DeliveryDelivered = "DELIVERED"
	DeliveryFailed    = "FAILED"
)

// MaxWebhookDescription bounds a webhook's description, in characters.
const MaxWebhookDescription = 200

// Webhook is an endpoint registered by an ADMIN. Its secret never leaves
// the server after creation or rotation.
type Webhook struct {
	ID          int64
	URL         string
	Description string
	Events      []string
	Enabled     bool
	// DisabledReason says why the server disabled the endpoint ("" when an
	// ADMIN did, or when it is enabled).
	DisabledReason string
	// ConsecutiveFailures counts the deliveries that failed since the last
	// one that arrived.
	ConsecutiveFailures int
	// Rotating is true while deliveries are signed with the previous
	// secret too, until RotationEndsAt.
	Rotating       bool
	RotationEndsAt *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// Deliveries are the most recent deliveries, newest first, when asked for.
	Deliveries []*WebhookDelivery
}

// WebhookDelivery is one event sent (or to be sent) to one endpoint; its
// MessageID is the webhook-id header, the same on every retry and replay.
type WebhookDelivery struct {
	ID            int64
	WebhookID     int64
	MessageID     string
	EventType     string
	Subject       string
	Status        string
	Attempts      int
	StatusCode    *int
	Excerpt       string
	Error         string
	CreatedAt     time.Time
	LastAttemptAt *time.Time
	NextAttemptAt *time.Time
	AttemptLog    []*WebhookAttempt
}

// WebhookAttempt is one POST of a delivery.
type WebhookAttempt struct {
	At         time.Time
	StatusCode *int
	Outcome    string
	Error      string
}

// WebhookInput registers an endpoint.
type WebhookInput struct {
	URL         string
	Events      []string
	Description string
}

// WebhookUpdate changes an endpoint; nil fields stay as they are.
type WebhookUpdate struct {
	URL         *string
	Events      []string
	Description *string
	Enabled     *bool
}

// WebhookSecret is a webhook with its signing secret, returned once by
// creation and rotation.
type WebhookSecret struct {
	Webhook *Webhook
	Secret  string
}

// WebhookService keeps the registered endpoints and their deliveries.
// Every method is ADMIN only (EUNAUTHENTICATED, EFORBIDDEN) and every
// change is audited without the secret.
type WebhookService interface {
	// Webhooks lists the endpoints with their recent deliveries, at most
	// deliveries per endpoint, newest first.
	Webhooks(ctx context.Context, deliveries int) ([]*Webhook, error)
	// CreateWebhook registers an endpoint and returns its new secret, the
	// only time it is shown. EINVALID names the field: url (not http(s), a
	// private address unless allowed), events, description.
	CreateWebhook(ctx context.Context, in WebhookInput) (*WebhookSecret, error)
	// UpdateWebhook changes an endpoint; enabling it again clears its
	// failure count. ENOTFOUND, EINVALID.
	UpdateWebhook(ctx context.Context, id int64, in WebhookUpdate) (*Webhook, error)
	// DeleteWebhook removes an endpoint with its deliveries. ENOTFOUND.
	DeleteWebhook(ctx context.Context, id int64) (*Webhook, error)
	// RotateWebhookSecret gives the endpoint a new secret, returned once;
	// for a while deliveries are signed with the old one too.
	RotateWebhookSecret(ctx context.Context, id int64) (*WebhookSecret, error)
	// ReplayWebhookDelivery sends a delivery again, with the same
	// webhook-id. ENOTFOUND; ECONFLICT while it is still pending or its
	// endpoint is disabled.
	ReplayWebhookDelivery(ctx context.Context, id int64) (*WebhookDelivery, error)
}

// CheckWebhookEvents validates a list of event types: at least one, every
// one known; duplicates are dropped and the order made canonical.
func CheckWebhookEvents(events []string) ([]string, error) {
	if len(events) == 0 {
		return nil, Invalid("events", "pilih setidaknya satu jenis peristiwa")
	}
	var out []string
	for _, e := range events {
		e = strings.TrimSpace(e)
		if !slices.Contains(WebhookEvents, e) {
			return nil, Invalid("events", "jenis peristiwa %q tidak dikenal; pilihan: %s", e, strings.Join(WebhookEvents, ", "))
		}
		if !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b string) int { return slices.Index(WebhookEvents, a) - slices.Index(WebhookEvents, b) })
	return out, nil
}

// CheckWebhookDescription trims a description and checks its length.
func CheckWebhookDescription(s string) (string, error) {
	s = strings.TrimSpace(s)
	if n := len([]rune(s)); n > MaxWebhookDescription {
		return "", Invalid("description", "keterangan terlalu panjang: %d karakter, paling banyak %d", n, MaxWebhookDescription)
	}
	return s, nil
}
