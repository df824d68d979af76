package store

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/jobs"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/webhook"
)

// Webhook job kinds.
const (
	WebhookFanoutKind  = "webhook.fanout"
	WebhookDeliverKind = "webhook.deliver"
)

// Defaults of WebhookConfig.
const (
	DefaultWebhookDisableAfter  = 5
	DefaultWebhookRotationGrace = 24 * time.Hour
	// webhookExcerptRunes bounds the answer's excerpt in a payload.
	webhookExcerptRunes = 280
)

// WebhookConfig configures the webhooks of a process.
type WebhookConfig struct {
	// Key seals the stored signing secrets: AES-256-GCM under a key derived
	// with HKDF-SHA256 from it (the server's token signing key). Required.
	// Changing it makes the stored secrets unusable: deliveries fail until
	// an ADMIN rotates each endpoint's secret.
	Key []byte
	// AllowPrivate lets endpoints resolve to private, loopback and
	// link-local addresses (TANGGAP_WEBHOOK_ALLOW_PRIVATE).
	AllowPrivate bool
	// PublicURL is the portal's address, the base of the links in payloads.
	PublicURL string
	// Backoff is the wait after the n-th failed attempt of a delivery, or
	// false to give up; webhook.Backoff (over 24 hours) when nil.
	Backoff func(failed int) (time.Duration, bool)
	// DisableAfter is how many deliveries in a row may fail before the
	// endpoint is disabled: DefaultWebhookDisableAfter when zero.
	DisableAfter int
	// RotationGrace is how long deliveries are signed with the previous
	// secret too after a rotation: DefaultWebhookRotationGrace when zero.
	RotationGrace time.Duration
	// Timeout bounds one POST: webhook.DefaultTimeout when zero.
	Timeout time.Duration
	// Logger receives a line per failed delivery (never a secret).
	Logger *slog.Logger
}

// Webhooks keeps the endpoints ADMINs register (models.WebhookService),
// turns audit entries into events and delivers them through the job queue.
type Webhooks struct {
	db     *DB
	cfg    WebhookConfig
	aead   cipher.AEAD
	client *webhook.Client
}

// NewWebhooks sets up the webhooks of db: the service; Register adds the
// workers and the audit hook.
func NewWebhooks(db *DB, cfg WebhookConfig) (*Webhooks, error) {
	if len(cfg.Key) < 16 {
		return nil, errors.New("webhooks: a sealing key of at least 16 bytes is required")
	}
	key, err := hkdf.Key(sha256.New, cfg.Key, nil, "tanggap webhook secrets v1", 32)
	if err != nil {
		return nil, fmt.Errorf("webhooks: derive key: %w", err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("webhooks: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("webhooks: %w", err)
	}
	if cfg.Backoff == nil {
		cfg.Backoff = webhook.Backoff
	}
	if cfg.DisableAfter <= 0 {
		cfg.DisableAfter = DefaultWebhookDisableAfter
	}
	if cfg.RotationGrace <= 0 {
		cfg.RotationGrace = DefaultWebhookRotationGrace
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	cfg.PublicURL = strings.TrimRight(cfg.PublicURL, "/")
	w := &Webhooks{db: db, cfg: cfg, aead: aead,
		client: webhook.NewClient(webhook.Options{AllowPrivate: cfg.AllowPrivate, Timeout: cfg.Timeout})}
	return w, nil
}

// webhookRow is a stored endpoint.
type webhookRow struct {
	bun.BaseModel `bun:"table:webhooks"`

	ID                  int64      `bun:"id,pk,autoincrement"`
	URL                 string     `bun:"url,notnull"`
	Description         string     `bun:"description,notnull"`
	Events              string     `bun:"events,notnull"`
	Secret              string     `bun:"secret,notnull"`
	PreviousSecret      string     `bun:"previous_secret,notnull"`
	RotationEndsAt      *time.Time `bun:"rotation_ends_at"`
	Enabled             bool       `bun:"enabled,notnull"`
	DisabledReason      string     `bun:"disabled_reason,notnull"`
	ConsecutiveFailures int        `bun:"consecutive_failures,notnull"`
	CreatedAt           time.Time  `bun:"created_at,notnull"`
	UpdatedAt           time.Time  `bun:"updated_at,notnull"`
}

func (r *webhookRow) events() []string {
	var out []string
	_ = json.Unmarshal([]byte(r.Events), &out)
	return out
}

func (r *webhookRow) model(now time.Time) *models.Webhook {
	w := &models.Webhook{
		ID: r.ID, URL: r.URL, Description: r.Description, Events: r.events(), Enabled: r.Enabled,
		DisabledReason: r.DisabledReason, ConsecutiveFailures: r.ConsecutiveFailures,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
	}
	if r.PreviousSecret != "" && r.RotationEndsAt != nil && r.RotationEndsAt.After(now) {
		w.Rotating, w.RotationEndsAt = true, r.RotationEndsAt
	}
	return w
}

// audit is what the audit log records of an endpoint: never its secret.
func (r *webhookRow) audit() map[string]any {
	return map[string]any{"url": r.URL, "description": r.Description, "events": r.events(), "enabled": r.Enabled}
}

func webhookSubject(id int64) string { return "webhook:" + strconv.FormatInt(id, 10) }

// WebhookRetention is how long a finished delivery (delivered or failed)
// and its attempts stay in the endpoint's history, and can be replayed.
const WebhookRetention = 30 * 24 * time.Hour

// deliveryRow is one event for one endpoint.
type deliveryRow struct {
	bun.BaseModel `bun:"table:webhook_deliveries"`

	ID            int64      `bun:"id,pk,autoincrement"`
	WebhookID     int64      `bun:"webhook_id,notnull"`
	MessageID     string     `bun:"message_id,notnull"`
	AuditID       int64      `bun:"audit_id,notnull"`
	EventType     string     `bun:"event_type,notnull"`
	Subject       string     `bun:"subject,notnull"`
	Payload       string     `bun:"payload,notnull"`
	EventAt       time.Time  `bun:"event_at,notnull"`
	Status        string     `bun:"status,notnull"`
	Attempts      int        `bun:"attempts,notnull"`
	Failures      int        `bun:"failures,notnull"`
	StatusCode    *int       `bun:"status_code"`
	Excerpt       string     `bun:"excerpt,notnull"`
	Error         string     `bun:"error,notnull"`
	LastAttemptAt *time.Time `bun:"last_attempt_at"`
	NextAttemptAt *time.Time `bun:"next_attempt_at"`
	CreatedAt     time.Time  `bun:"created_at,notnull"`
}

func (d *deliveryRow) model() *models.WebhookDelivery {
	return &models.WebhookDelivery{
		ID: d.ID, WebhookID: d.WebhookID, MessageID: d.MessageID, EventType: d.EventType, Subject: d.Subject,
		Status: d.Status, Attempts: d.Attempts, StatusCode: d.StatusCode, Excerpt: d.Excerpt, Error: d.Error,
		CreatedAt: d.CreatedAt, LastAttemptAt: d.LastAttemptAt, NextAttemptAt: d.NextAttemptAt,
	}
}

// attemptRow is one POST of a delivery.
type attemptRow struct {
	bun.BaseModel `bun:"table:webhook_attempts"`

	ID            int64      `bun:"id,pk,autoincrement"`
	DeliveryID    int64      `bun:"delivery_id,notnull"`
	At            time.Time  `bun:"at,notnull"`
	StatusCode    *int       `bun:"status_code"`
	Outcome       string     `bun:"outcome,notnull"`
	Error         string     `bun:"error,notnull"`
	NextAttemptAt *time.Time `bun:"next_attempt_at"`
}

// seal encrypts a secret for storage: base64 of nonce and ciphertext.
func (w *Webhooks) seal(secret string) (string, error) {
	nonce := make([]byte, w.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	return "v1:" + base64.StdEncoding.EncodeToString(w.aead.Seal(nonce, nonce, []byte(secret), []byte("webhook"))), nil
}

// open decrypts a stored secret.
func (w *Webhooks) open(stored string) (string, error) {
	raw, ok := strings.CutPrefix(stored, "v1:")
	if !ok {
		return "", errors.New("webhook secret: unknown format")
	}
	b, err := base64.StdEncoding.DecodeString(raw)
	if err != nil || len(b) < w.aead.NonceSize() {
		return "", errors.New("webhook secret: malformed")
	}
	plain, err := w.aead.Open(nil, b[:w.aead.NonceSize()], b[w.aead.NonceSize():], []byte("webhook"))
	if err != nil {
		return "", errors.New("webhook secret: cannot be opened with this server's key; rotate the secret")
	}
	return string(plain), nil
}

// newSecret makes a secret and its sealed form.
func (w *Webhooks) newSecret() (plain, sealed string, err error) {
	if plain, err = webhook.NewSecret(); err != nil {
		return "", "", err
	}
	sealed, err = w.seal(plain)
	return plain, sealed, err
}

// Webhooks lists the endpoints, oldest first, with their recent deliveries
// and the attempts of those. ADMIN only.
func (w *Webhooks) Webhooks(ctx context.Context, deliveries int) ([]*models.Webhook, error) {
	if _, err := requireRole(ctx, models.RoleAdmin); err != nil {
		return nil, err
	}
	deliveries = min(max(deliveries, 0), 100)
	var rows []*webhookRow
	if err := w.db.bun.NewSelect().Model(&rows).OrderExpr("id ASC").Scan(ctx); err != nil {
		return nil, wrapErr(err)
	}
	now := w.db.now()
	out := make([]*models.Webhook, len(rows))
	for i, r := range rows {
		out[i] = r.model(now)
		if deliveries == 0 {
			continue
		}
		var ds []*deliveryRow
		if err := w.db.bun.NewSelect().Model(&ds).Where("webhook_id = ?", r.ID).
			OrderExpr("id DESC").Limit(int64(deliveries)).Scan(ctx); err != nil {
			return nil, wrapErr(err)
		}
		byID := map[int64]*models.WebhookDelivery{}
		ids := make([]int64, len(ds))
		for j, d := range ds {
			m := d.model()
			out[i].Deliveries = append(out[i].Deliveries, m)
			byID[d.ID], ids[j] = m, d.ID
		}
		if len(ids) == 0 {
			continue
		}
		var attempts []*attemptRow
		if err := w.db.bun.NewSelect().Model(&attempts).Where("delivery_id IN (?)", bun.In(ids)).
			OrderExpr("id ASC").Scan(ctx); err != nil {
			return nil, wrapErr(err)
		}
		for _, a := range attempts {
			d := byID[a.DeliveryID]
			d.AttemptLog = append(d.AttemptLog, &models.WebhookAttempt{At: a.At, StatusCode: a.StatusCode, Outcome: a.Outcome, Error: a.Error})
		}
	}
	return out, nil
}

// CreateWebhook registers an endpoint. ADMIN only.
func (w *Webhooks) CreateWebhook(ctx context.Context, in models.WebhookInput) (*models.WebhookSecret, error) {
	actor, err := requireRole(ctx, models.RoleAdmin)
	if err != nil {
		return nil, err
	}
	row := &webhookRow{Enabled: true}
	if err := w.check(ctx, row, &in.URL, in.Events, &in.Description); err != nil {
		return nil, err
	}
	secret, sealed, err := w.newSecret()
	if err != nil {
		return nil, models.Internal(err)
	}
	row.Secret = sealed
	err = w.db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		row.CreatedAt, row.UpdatedAt = now, now
		if _, err := tx.NewInsert().Model(row).Exec(ctx); err != nil {
			return fmt.Errorf("insert webhook: %w", err)
		}
		return w.db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "webhook.create", Subject: webhookSubject(row.ID), Changes: row.audit(),
		})
	})
	if err != nil {
		return nil, wrapErr(err)
	}
	return &models.WebhookSecret{Webhook: row.model(row.CreatedAt), Secret: secret}, nil
}

// check validates and applies the given fields to row.
func (w *Webhooks) check(ctx context.Context, row *webhookRow, url *string, events []string, description *string) error {
	if url != nil {
		u := strings.TrimSpace(*url)
		if err := webhook.ValidateURL(ctx, u, w.cfg.AllowPrivate); err != nil {
			return err
		}
		row.URL = u
	}
	if events != nil {
		checked, err := models.CheckWebhookEvents(events)
		if err != nil {
			return err
		}
		b, _ := json.Marshal(checked)
		row.Events = string(b)
	}
	if description != nil {
		d, err := models.CheckWebhookDescription(*description)
		if err != nil {
			return err
		}
		row.Description = d
	}
	return nil
}

// lockWebhook loads an endpoint for update inside tx.
func (w *Webhooks) lockWebhook(ctx context.Context, tx bun.Tx, id int64) (*webhookRow, error) {
	row := new(webhookRow)
	err := w.db.forUpdate(tx.NewSelect().Model(row).Where("id = ?", id)).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Webhook")
	}
	return row, err
}

// UpdateWebhook changes an endpoint. ADMIN only.
func (w *Webhooks) UpdateWebhook(ctx context.Context, id int64, in models.WebhookUpdate) (*models.Webhook, error) {
	actor, err := requireRole(ctx, models.RoleAdmin)
	if err != nil {
		return nil, err
	}
	var changed webhookRow
	if in.Events != nil && len(in.Events) == 0 {
		return nil, models.Invalid("events", "pilih setidaknya satu jenis peristiwa")
	}
	if err := w.check(ctx, &changed, in.URL, in.Events, in.Description); err != nil {
		return nil, err
	}
	var row *webhookRow
	err = w.db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		if row, err = w.lockWebhook(ctx, tx, id); err != nil {
			return err
		}
		before := row.audit()
		if in.URL != nil {
			row.URL = changed.URL
		}
		if in.Events != nil {
			row.Events = changed.Events
		}
		if in.Description != nil {
			row.Description = changed.Description
		}
		if in.Enabled != nil && *in.Enabled != row.Enabled {
			row.Enabled = *in.Enabled
			row.DisabledReason, row.ConsecutiveFailures = "", 0
		}
		row.UpdatedAt = now
		if _, err := tx.NewUpdate().Model(row).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("update webhook: %w", err)
		}
		return w.db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "webhook.update", Subject: webhookSubject(row.ID),
			Changes: map[string]any{"before": before, "after": row.audit()},
		})
	})
	if err != nil {
		return nil, wrapErr(err)
	}
	return row.model(row.UpdatedAt), nil
}

// DeleteWebhook removes an endpoint and its deliveries. ADMIN only.
func (w *Webhooks) DeleteWebhook(ctx context.Context, id int64) (*models.Webhook, error) {
	actor, err := requireRole(ctx, models.RoleAdmin)
	if err != nil {
		return nil, err
	}
	var row *webhookRow
	err = w.db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		if row, err = w.lockWebhook(ctx, tx, id); err != nil {
			return err
		}
		// SQLite enforces the cascade too, but deleting explicitly keeps
		// both databases alike whatever their foreign-key setting.
		ids := tx.NewSelect().Model((*deliveryRow)(nil)).Column("id").Where("webhook_id = ?", id)
		if _, err := tx.NewDelete().Model((*attemptRow)(nil)).Where("delivery_id IN (?)", ids).Exec(ctx); err != nil {
			return fmt.Errorf("delete attempts: %w", err)
		}
		if _, err := tx.NewDelete().Model((*deliveryRow)(nil)).Where("webhook_id = ?", id).Exec(ctx); err != nil {
			return fmt.Errorf("delete deliveries: %w", err)
		}
		if _, err := tx.NewDelete().Model(row).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("delete webhook: %w", err)
		}
		return w.db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "webhook.delete", Subject: webhookSubject(row.ID), Changes: row.audit(),
		})
	})
	if err != nil {
		return nil, wrapErr(err)
	}
	return row.model(w.db.now()), nil
}

// RotateWebhookSecret gives an endpoint a new secret; the previous one
// signs too for RotationGrace. ADMIN only.
func (w *Webhooks) RotateWebhookSecret(ctx context.Context, id int64) (*models.WebhookSecret, error) {
	actor, err := requireRole(ctx, models.RoleAdmin)
	if err != nil {
		return nil, err
	}
	secret, sealed, err := w.newSecret()
	if err != nil {
		return nil, models.Internal(err)
	}
	var row *webhookRow
	err = w.db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		if row, err = w.lockWebhook(ctx, tx, id); err != nil {
			return err
		}
		ends := now.Add(w.cfg.RotationGrace)
		row.PreviousSecret, row.Secret, row.RotationEndsAt, row.UpdatedAt = row.Secret, sealed, &ends, now
		if _, err := tx.NewUpdate().Model(row).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("rotate webhook secret: %w", err)
		}
		return w.db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "webhook.rotate_secret", Subject: webhookSubject(row.ID),
			Changes: map[string]any{"url": row.URL, "previousValidUntil": ends},
		})
	})
	if err != nil {
		return nil, wrapErr(err)
	}
	return &models.WebhookSecret{Webhook: row.model(row.UpdatedAt), Secret: secret}, nil
}

// ReplayWebhookDelivery sends a finished delivery again with its webhook-id.
// ADMIN only.
func (w *Webhooks) ReplayWebhookDelivery(ctx context.Context, id int64) (*models.WebhookDelivery, error) {
	actor, err := requireRole(ctx, models.RoleAdmin)
	if err != nil {
		return nil, err
	}
	d := new(deliveryRow)
	err = w.db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		err := w.db.forUpdate(tx.NewSelect().Model(d).Where("id = ?", id)).Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Pengiriman webhook")
		} else if err != nil {
			return err
		}
		hook, err := w.lockWebhook(ctx, tx, d.WebhookID)
		if err != nil {
			return err
		}
		if d.Status == models.DeliveryPending {
			return models.Errorf(models.ECONFLICT, "Pengiriman ini masih berjalan; tunggu hingga selesai sebelum mengirim ulang")
		}
		if !hook.Enabled {
			return models.Errorf(models.ECONFLICT, "Webhook ini nonaktif; aktifkan dulu sebelum mengirim ulang")
		}
		d.Status, d.Failures, d.Error, d.NextAttemptAt = models.DeliveryPending, 0, "", &now
		if _, err := tx.NewUpdate().Model(d).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("replay delivery: %w", err)
		}
		if err := jobs.Enqueue(ctx, tx, WebhookDeliverArgs{DeliveryID: d.ID}); err != nil {
			return err
		}
		return w.db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "webhook.replay", Subject: webhookSubject(d.WebhookID),
			Changes: map[string]any{"delivery": d.ID, "messageId": d.MessageID, "event": d.EventType},
		})
	})
	if err != nil {
		return nil, wrapErr(err)
	}
	return d.model(), nil
}

// WebhookFanoutArgs turns one audit entry into deliveries.
type WebhookFanoutArgs struct {
	AuditID int64 `json:"audit_id"`
}

// Kind names the fan-out worker.
func (WebhookFanoutArgs) Kind() string { return WebhookFanoutKind }

// WebhookDeliverArgs sends one delivery.
type WebhookDeliverArgs struct {
	DeliveryID int64 `json:"delivery_id"`
}

// Kind names the delivery worker.
func (WebhookDeliverArgs) Kind() string { return WebhookDeliverKind }

// statusActions are the issue audit actions that move an issue to a
// public status.
var statusActions = []string{
	"issue.assigned", "issue.acknowledged", "issue.answered", "issue.closed", "issue.reopened", "issue.marked_duplicate",
}

// webhookAction reports whether an audit action may give webhook events.
func webhookAction(action string) bool {
	return action == "issue.revised" || slices.Contains(statusActions, action)
}

// onAudit enqueues the fan-out of an entry that may give events, when an
// endpoint is enabled. Entries of the command line (demo data, CSV import,
// anything done as the system user) never notify.
func (w *Webhooks) onAudit(ctx context.Context, tx bun.Tx, entry *models.AuditEntry) error {
	if !webhookAction(entry.Action) || entry.ActorRole == "SYSTEM" || models.UserFromContext(ctx).IsSystem() {
		return nil
	}
	// Webhooks change through writeTx, never inside a group of audited
	// changes, so one answer holds for the whole group.
	enabled, err := askOnce(ctx, webhookEnabledKey, func() (bool, error) {
		return webhookEnabled(tx).Exists(ctx)
	})
	if err != nil || !enabled {
		return err
	}
	return jobs.Enqueue(ctx, tx, WebhookFanoutArgs{AuditID: entry.ID})
}

// webhookEnabled selects an enabled endpoint, if any.
func webhookEnabled(idb bun.IDB) *bun.SelectQuery {
	return idb.NewSelect().Model((*webhookRow)(nil)).Where("enabled = ?", true).Limit(1)
}

const webhookEnabledKey = "webhook enabled"

// Register adds the fan-out and delivery workers to q and the audit hook
// that enqueues the fan-out to the store; call it once, while wiring,
// before the store serves requests.
func (w *Webhooks) Register(q *jobs.Queue) {
	w.db.OnAudit(w.onAudit)
	w.db.askPerGroup(webhookEnabledKey, webhookEnabled)
	jobs.Register(q, w.fanout)
	jobs.Register(q, w.deliver)
}

// event is one event to deliver.
type event struct {
	typ, subject string
	data         any
}

// issueData is the public description of an issue in a payload.
type issueData struct {
	Number  string          `json:"number"`
	Title   string          `json:"title"`
	Status  string          `json:"status"`
	Verdict *models.Verdict `json:"verdict"`
	Agency  *agencyData     `json:"agency"`
	URL     string          `json:"url"`
}

type agencyData struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

type responseData struct {
	Revision int             `json:"revision"`
	Verdict  *models.Verdict `json:"verdict"`
	Excerpt  string          `json:"excerpt"`
	URL      string          `json:"url"`
	Reason   string          `json:"reason,omitempty"`
}

// events builds the events of an audit entry from public fields only.
func (w *Webhooks) events(ctx context.Context, tx bun.Tx, entry *models.AuditEntry) ([]event, error) {
	number, ok := strings.CutPrefix(entry.Subject, "issue:")
	if !ok || !webhookAction(entry.Action) {
		return nil, nil
	}
	issue, err := issueByNumber(ctx, tx, number)
	if models.ErrorCode(err) == models.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	if !issue.IsPublic() {
		return nil, nil
	}
	var changes struct {
		Status   string          `json:"status"`
		Verdict  *models.Verdict `json:"verdict"`
		Body     string          `json:"body"`
		Revision int             `json:"revision"`
		Reason   string          `json:"reason"`
	}
	_ = json.Unmarshal([]byte(entry.Changes), &changes)
	url := w.cfg.PublicURL + "/isu/" + issue.Number
	data := issueData{Number: issue.Number, Title: issue.Title, Status: string(issue.Status), Verdict: issue.Verdict, URL: url}
	if issue.AgencyID != nil {
		agency := new(models.Agency)
		if err := tx.NewSelect().Model(agency).Where("id = ?", *issue.AgencyID).Scan(ctx); err != nil {
			return nil, fmt.Errorf("load agency: %w", err)
		}
		data.Agency = &agencyData{Slug: agency.Slug, Name: agency.Name}
	}
	var out []event
	if slices.Contains(statusActions, entry.Action) {
		status := changes.Status
		if status == "" {
			status = string(issue.Status)
		}
		out = append(out, event{typ: models.WebhookIssueStatusChanged, subject: entry.Subject, data: map[string]any{
			"issue": data, "status": status, "action": strings.TrimPrefix(entry.Action, "issue."),
		}})
	}
	switch entry.Action {
	case "issue.answered":
		response := responseData{Revision: 1, Verdict: changes.Verdict, Excerpt: excerpt(changes.Body), URL: url}
		out = append(out, event{typ: models.WebhookResponsePublished, subject: entry.Subject,
			data: map[string]any{"issue": data, "response": response}})
		var codes []string
		err := tx.NewSelect().Model((*models.Question)(nil)).Column("tracking_code").
			Where("issue_id = ?", issue.ID).OrderExpr("id ASC").Scan(ctx, &codes)
		if err != nil {
			return nil, fmt.Errorf("load questions: %w", err)
		}
		for _, code := range codes {
			out = append(out, event{typ: models.WebhookQuestionAnswered, subject: "question:" + code, data: map[string]any{
				"trackingCode": code, "trackingUrl": w.cfg.PublicURL + "/lacak/" + code,
				"issue": map[string]any{"number": issue.Number, "url": url},
			}})
		}
	case "issue.revised":
		response := responseData{Revision: changes.Revision, Verdict: changes.Verdict, Excerpt: excerpt(changes.Body), URL: url, Reason: changes.Reason}
		out = append(out, event{typ: models.WebhookResponseRevised, subject: entry.Subject,
			data: map[string]any{"issue": data, "response": response}})
	}
	return out, nil
}

// excerpt shortens an answer's text for a payload.
func excerpt(body string) string {
	body = strings.Join(strings.Fields(body), " ")
	r := []rune(body)
	if len(r) <= webhookExcerptRunes {
		return body
	}
	return strings.TrimSpace(string(r[:webhookExcerptRunes-1])) + "…"
}

// newMessageID makes a webhook-id: msg_ and 16 random bytes in base64url.
func newMessageID() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return "msg_" + base64.RawURLEncoding.EncodeToString(b), nil
}

// fanout creates one delivery per subscribed, enabled endpoint and event
// of an audit entry, and a delivery job for each, in one transaction with
// the job's completion.
func (w *Webhooks) fanout(ctx context.Context, job *jobs.Job[WebhookFanoutArgs]) error {
	return w.db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		entry := new(models.AuditEntry)
		err := tx.NewSelect().Model(entry).Where("id = ?", job.Args.AuditID).Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) {
			return jobs.Complete(ctx, tx, job)
		} else if err != nil {
			return err
		}
		events, err := w.events(ctx, tx, entry)
		if err != nil {
			return err
		}
		var hooks []*webhookRow
		if len(events) > 0 {
			if err := tx.NewSelect().Model(&hooks).Where("enabled = ?", true).OrderExpr("id ASC").Scan(ctx); err != nil {
				return err
			}
		}
		var deliver []jobs.Args
		for _, h := range hooks {
			subscribed := h.events()
			for _, e := range events {
				if !slices.Contains(subscribed, e.typ) {
					continue
				}
				payload, err := json.Marshal(e.data)
				if err != nil {
					return err
				}
				msgID, err := newMessageID()
				if err != nil {
					return err
				}
				d := &deliveryRow{WebhookID: h.ID, MessageID: msgID, AuditID: entry.ID, EventType: e.typ, Subject: e.subject,
					Payload: string(payload), EventAt: entry.At, Status: models.DeliveryPending, NextAttemptAt: &now, CreatedAt: now}
				res, err := tx.NewInsert().Model(d).On("CONFLICT (webhook_id, audit_id, event_type, subject) DO NOTHING").Exec(ctx)
				if err != nil {
					return fmt.Errorf("insert delivery: %w", err)
				}
				if n, _ := res.RowsAffected(); n == 0 {
					continue
				}
				if d.ID == 0 {
					if err := tx.NewSelect().Model(d).Column("id").Where("message_id = ?", msgID).Scan(ctx); err != nil {
						return err
					}
				}
				deliver = append(deliver, WebhookDeliverArgs{DeliveryID: d.ID})
			}
		}
		if len(deliver) > 0 {
			if err := jobs.EnqueueMany(ctx, tx, deliver); err != nil {
				return err
			}
		}
		return jobs.Complete(ctx, tx, job)
	})
}

// deliver POSTs one delivery and records the attempt: delivered, retried
// later after Backoff, or failed, which may disable the endpoint.
func (w *Webhooks) deliver(ctx context.Context, job *jobs.Job[WebhookDeliverArgs]) error {
	d := new(deliveryRow)
	err := w.db.bun.NewSelect().Model(d).Where("id = ?", job.Args.DeliveryID).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // the endpoint was deleted
	} else if err != nil {
		return err
	}
	if d.Status != models.DeliveryPending {
		return nil
	}
	hook := new(webhookRow)
	if err := w.db.bun.NewSelect().Model(hook).Where("id = ?", d.WebhookID).Scan(ctx); errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return err
	}
	if !hook.Enabled {
		return w.finish(ctx, job, d, "Webhook nonaktif; pengiriman dihentikan")
	}
	endpoint := webhook.Endpoint{URL: hook.URL}
	endpoint.Secret, err = w.open(hook.Secret)
	if err != nil {
		w.cfg.Logger.Error("webhook secret unusable", "webhook", hook.ID, "error", err)
		return w.finish(ctx, job, d, "Rahasia webhook tidak dapat dibuka; putar rahasia webhook ini")
	}
	if hook.PreviousSecret != "" && hook.RotationEndsAt != nil && hook.RotationEndsAt.After(w.db.now()) {
		if prev, err := w.open(hook.PreviousSecret); err == nil {
			endpoint.PreviousSecret = prev
		}
	}
	res, _ := w.client.Deliver(ctx, endpoint, webhook.Event{
		ID: d.MessageID, Type: d.EventType, Timestamp: d.EventAt, Data: json.RawMessage(d.Payload),
	})
	return w.record(ctx, job, d, hook, res)
}

// finish marks a delivery failed without an attempt.
func (w *Webhooks) finish(ctx context.Context, job *jobs.Job[WebhookDeliverArgs], d *deliveryRow, reason string) error {
	return w.db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		_, err := tx.NewUpdate().Model((*deliveryRow)(nil)).
			Set("status = ?", models.DeliveryFailed).Set("error = ?", reason).Set("next_attempt_at = NULL").
			Where("id = ? AND status = ?", d.ID, models.DeliveryPending).Exec(ctx)
		if err != nil {
			return err
		}
		return jobs.Complete(ctx, tx, job)
	})
}

// outcomeName names an attempt's outcome in the attempt log.
func outcomeName(o webhook.Outcome) string {
	switch o {
	case webhook.Delivered:
		return "DELIVERED"
	case webhook.Retryable:
		return "RETRYABLE"
	default:
		return "PERMANENT"
	}
}

// attemptError describes a failed attempt for ADMINs, without the URL's
// details beyond what they registered.
func attemptError(res webhook.Result) string {
	switch {
	case res.Outcome == webhook.Delivered:
		return ""
	case res.StatusCode != 0:
		return "Penerima menjawab HTTP " + strconv.Itoa(res.StatusCode)
	case errors.Is(res.Err, webhook.ErrBlockedAddress):
		return "Alamat penerima bersifat privat atau khusus dan ditolak"
	case res.Err != nil:
		msg := res.Err.Error()
		if len(msg) > 300 {
			msg = msg[:300]
		}
		return msg
	}
	return "Gagal"
}

// record stores an attempt and decides what follows.
func (w *Webhooks) record(ctx context.Context, job *jobs.Job[WebhookDeliverArgs], d *deliveryRow, hook *webhookRow, res webhook.Result) error {
	var retry time.Duration
	disabled := false
	at := res.AttemptAt.UTC()
	if at.IsZero() {
		at = w.db.now().UTC()
	}
	err := w.db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		retry = 0
		cur := new(deliveryRow)
		err := w.db.forUpdate(tx.NewSelect().Model(cur).Where("id = ?", d.ID)).Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && cur.Status != models.DeliveryPending) {
			return jobs.Complete(ctx, tx, job) // deleted meanwhile
		} else if err != nil {
			return err
		}
		attempt := &attemptRow{DeliveryID: cur.ID, At: at, Outcome: outcomeName(res.Outcome), Error: attemptError(res)}
		if res.StatusCode != 0 {
			code := res.StatusCode
			attempt.StatusCode, cur.StatusCode = &code, &code
		} else {
			cur.StatusCode = nil
		}
		cur.Attempts++
		cur.LastAttemptAt, cur.Excerpt, cur.Error, cur.NextAttemptAt = &at, res.Excerpt, attempt.Error, nil
		failed := false
		switch res.Outcome {
		case webhook.Delivered:
			cur.Status = models.DeliveryDelivered
		case webhook.Retryable:
			cur.Failures++
			wait, ok := w.cfg.Backoff(cur.Failures)
			if ok {
				retry = max(wait, res.RetryAfter, time.Millisecond)
				next := at.Add(retry)
				cur.NextAttemptAt, attempt.NextAttemptAt = &next, &next
			} else {
				failed = true
			}
		default:
			cur.Failures++
			failed = true
		}
		if failed {
			cur.Status = models.DeliveryFailed
		}
		if _, err := tx.NewInsert().Model(attempt).Exec(ctx); err != nil {
			return fmt.Errorf("record attempt: %w", err)
		}
		if _, err := tx.NewUpdate().Model(cur).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("update delivery: %w", err)
		}
		if retry > 0 {
			return nil // the job is snoozed below, not completed
		}
		// A finished delivery is kept, with its attempts, for
		// WebhookRetention; each one that finishes forgets its endpoint's
		// older ones, so the history stays bounded without a sweeper.
		if _, err := tx.NewDelete().Model((*deliveryRow)(nil)).
			Where("webhook_id = ?", cur.WebhookID).
			Where("status <> ?", models.DeliveryPending).
			Where("created_at < ?", now.Add(-WebhookRetention)).
			Exec(ctx); err != nil {
			return fmt.Errorf("forget old deliveries: %w", err)
		}
		h, err := w.lockWebhook(ctx, tx, hook.ID)
		if models.ErrorCode(err) == models.ENOTFOUND {
			return jobs.Complete(ctx, tx, job)
		} else if err != nil {
			return err
		}
		if cur.Status == models.DeliveryDelivered {
			h.ConsecutiveFailures = 0
		} else {
			h.ConsecutiveFailures++
			gone := res.StatusCode == 410
			if h.Enabled && (gone || h.ConsecutiveFailures >= w.cfg.DisableAfter) {
				disabled = true
				h.Enabled = false
				h.DisabledReason = fmt.Sprintf("Dinonaktifkan otomatis setelah %d pengiriman berturut-turut gagal", h.ConsecutiveFailures)
				if gone {
					h.DisabledReason = "Dinonaktifkan otomatis: penerima menjawab HTTP 410 Gone"
				}
			}
		}
		if _, err := tx.NewUpdate().Model(h).Column("enabled", "disabled_reason", "consecutive_failures").WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("update webhook: %w", err)
		}
		if disabled {
			err := w.db.appendAudit(ctx, tx, models.SystemUser, now, models.AuditRecord{
				Action: "webhook.disabled", Subject: webhookSubject(h.ID),
				Changes: map[string]any{"url": h.URL, "reason": h.DisabledReason, "failures": h.ConsecutiveFailures},
			})
			if err != nil {
				return err
			}
		}
		return jobs.Complete(ctx, tx, job)
	})
	if err != nil {
		return err
	}
	if res.Outcome != webhook.Delivered {
		w.cfg.Logger.Warn("webhook delivery attempt failed", "webhook", hook.ID, "delivery", d.ID,
			"status", res.StatusCode, "retry_in", retry, "endpoint_disabled", disabled)
	}
	if retry > 0 {
		return jobs.RetryLater(retry)
	}
	return nil
}
