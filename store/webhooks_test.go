package store_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/jobs"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// receivedHook is one request a receiver got.
type receivedHook struct {
	path, id, timestamp, signature string
	body                           []byte
	typ                            string
}

// receiver is a real HTTP server on loopback that records every request
// and answers each path's requests with the scripted statuses, then 200.
type receiver struct {
	*httptest.Server
	mu     sync.Mutex
	got    []receivedHook
	script map[string][]int // path → statuses still to answer
}

func newReceiver(t *testing.T) *receiver {
	r := &receiver{script: map[string][]int{}}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		var env struct {
			Type string `json:"type"`
		}
		_ = json.Unmarshal(body, &env)
		r.mu.Lock()
		r.got = append(r.got, receivedHook{path: req.URL.Path, id: req.Header.Get("webhook-id"),
			timestamp: req.Header.Get("webhook-timestamp"), signature: req.Header.Get("webhook-signature"), body: body, typ: env.Type})
		status := http.StatusOK
		if s := r.script[req.URL.Path+" "+env.Type]; len(s) > 0 {
			status, r.script[req.URL.Path+" "+env.Type] = s[0], s[1:]
		} else if s := r.script[req.URL.Path]; len(s) > 0 {
			status = s[0]
			if len(s) > 1 {
				r.script[req.URL.Path] = s[1:]
			}
		}
		r.mu.Unlock()
		w.WriteHeader(status)
		_, _ = w.Write([]byte("diterima"))
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) requests(path, typ string) []receivedHook {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []receivedHook
	for _, h := range r.got {
		if h.path == path && (typ == "" || h.typ == typ) {
			out = append(out, h)
		}
	}
	return out
}

// verifyStandard checks a request's signature as the Standard Webhooks
// specification describes it, independently of package webhook: the
// base64 HMAC-SHA256, under the base64-decoded key after "whsec_", of
// "id.timestamp.body", among the space-separated "v1,<sig>" values.
func verifyStandard(secret string, h receivedHook) bool {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return false
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(h.id + "." + h.timestamp + "." + string(h.body)))
	want := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	for _, sig := range strings.Fields(h.signature) {
		if v, ok := strings.CutPrefix(sig, "v1,"); ok && hmac.Equal([]byte(v), []byte(want)) {
			return true
		}
	}
	return false
}

// waitUntil polls cond until it holds, failing after a generous deadline.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// testBackoff retries after 100 ms, then 400 ms, then gives up.
func testBackoff(failed int) (time.Duration, bool) {
	switch failed {
	case 1:
		return 100 * time.Millisecond, true
	case 2:
		return 400 * time.Millisecond, true
	}
	return 0, false
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func startQueue(t *testing.T, db *store.DB) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	if err := db.Jobs().Start(ctx, jobs.Config{PollInterval: 10 * time.Millisecond, Logger: quietLogger()}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		sctx, stop := context.WithTimeout(context.Background(), 10*time.Second)
		defer stop()
		_ = db.Jobs().Stop(sctx)
	})
}

func findHook(t *testing.T, hooks []*models.Webhook, id int64) *models.Webhook {
	t.Helper()
	for _, h := range hooks {
		if h.ID == id {
			return h
		}
	}
	t.Fatalf("webhook %d not listed", id)
	return nil
}

func deliveryOf(h *models.Webhook, typ string) *models.WebhookDelivery {
	for _, d := range h.Deliveries {
		if d.EventType == typ {
			return d
		}
	}
	return nil
}

// TestWebhookDeliveries: an answer published by an agency reaches a real
// receiver as a signed response.published that verifies with the
// Standard Webhooks algorithm; two 500s are retried with growing waits
// under the same webhook-id; a replay sends it again with that id;
// payloads carry no personal data; the secret is shown once and stored
// sealed; only ADMIN manages webhooks; an endpoint whose deliveries keep
// failing is disabled, audited, and enabled again by an update.
func TestWebhookDeliveries(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		trc, pic := storetest.MustDinkesStaff(t, db)
		admin := storetest.As(storetest.MustUser(t, db, "admin@example.go.id", models.RoleAdmin, ""))
		hooks, err := store.NewWebhooks(db, store.WebhookConfig{Key: []byte("kunci-penandatangan-uji-yang-panjang"), AllowPrivate: true,
			PublicURL: "https://tanggap.example.go.id", Backoff: testBackoff, DisableAfter: 2, Logger: quietLogger()})
		if err != nil {
			t.Fatal(err)
		}
		hooks.Register(db.Jobs())
		startQueue(t, db)
		rcv := newReceiver(t)

		// Only ADMIN.
		for name, c := range map[string]context.Context{"anonymous": ctx, "TRC": trc, "PIC": pic} {
			if _, err := hooks.CreateWebhook(c, models.WebhookInput{URL: rcv.URL + "/a", Events: []string{models.WebhookResponsePublished}}); err == nil {
				t.Errorf("%s created a webhook", name)
			}
			if _, err := hooks.Webhooks(c, 5); models.ErrorCode(err) != models.EUNAUTHENTICATED && models.ErrorCode(err) != models.EFORBIDDEN {
				t.Errorf("%s listed webhooks: %v", name, err)
			}
		}
		if _, err := hooks.CreateWebhook(admin, models.WebhookInput{URL: rcv.URL + "/a", Events: []string{"issue.deleted"}}); models.ErrorCode(err) != models.EINVALID {
			t.Errorf("unknown event accepted: %v", err)
		}

		created, err := hooks.CreateWebhook(admin, models.WebhookInput{URL: rcv.URL + "/a", Description: "Redaksi uji",
			Events: []string{models.WebhookResponsePublished, models.WebhookQuestionAnswered, models.WebhookResponsePublished}})
		if err != nil {
			t.Fatal(err)
		}
		secret := created.Secret
		if !strings.HasPrefix(secret, "whsec_") || len(secret) < 40 {
			t.Fatalf("secret %q is not a whsec_ secret", secret)
		}
		if got := created.Webhook.Events; len(got) != 2 {
			t.Errorf("events %v, want the two distinct ones", got)
		}
		// The secret is stored sealed and never audited.
		var stored string
		if err := db.Bun().NewRaw("SELECT secret FROM webhooks WHERE id = ?", created.Webhook.ID).Scan(ctx, &stored); err != nil {
			t.Fatal(err)
		}
		key := strings.TrimPrefix(secret, "whsec_")
		if strings.Contains(stored, key) || stored == "" {
			t.Errorf("the secret is stored as it is: %q", stored)
		}

		// A question with a contact, linked to the issue that gets answered.
		q := mustSubmit(t, db, "198.51.100.7", models.NewQuestion{Body: questionText, Name: "Siti Rahma", Contact: "0812-3456-7890"})
		issue, err := db.CreateIssue(trc, models.NewIssue{Title: "Bantuan sosial ditutup akhir bulan", Summary: "Klaim beredar di grup percakapan.", Kind: models.KindComplaint})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.LinkQuestion(trc, q.ID, issue.Number); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AssignIssue(trc, models.Assignment{IssueNumber: issue.Number, AgencySlug: "dinkes", Priority: models.PriorityNormal}); err != nil {
			t.Fatal(err)
		}
		// Two finished deliveries of earlier events: one past the retention,
		// one within it. The next delivery that finishes forgets the first.
		for i, age := range []time.Duration{store.WebhookRetention + 24*time.Hour, store.WebhookRetention - 24*time.Hour} {
			at := db.Now().UTC().Add(-age)
			if _, err := db.Bun().NewRaw(`INSERT INTO webhook_deliveries (webhook_id, message_id, audit_id, event_type, subject, payload,
				event_at, status, attempts, failures, excerpt, error, created_at) VALUES (?, ?, ?, 'response.published', 'issue:lama', '{}', ?, ?, 1, 0, '', '', ?)`,
				created.Webhook.ID, fmt.Sprintf("msg_lama_%d", i), -1-i, at, models.DeliveryDelivered, at).Exec(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Bun().NewRaw(`INSERT INTO webhook_attempts (delivery_id, at, outcome, error)
				SELECT id, ?, 'delivered', '' FROM webhook_deliveries WHERE message_id = ?`, at, fmt.Sprintf("msg_lama_%d", i)).Exec(ctx); err != nil {
				t.Fatal(err)
			}
		}
		rcv.mu.Lock()
		rcv.script["/a "+models.WebhookResponsePublished] = []int{500, 500}
		rcv.mu.Unlock()
		body := "Pendaftaran tetap dibuka sepanjang tahun di kantor kelurahan."
		response, err := db.PublishResponse(pic, models.ResponseDraftInput{IssueNumber: issue.Number, Body: body})
		if err != nil {
			t.Fatal(err)
		}

		waitUntil(t, "three response.published requests", func() bool { return len(rcv.requests("/a", models.WebhookResponsePublished)) >= 3 })
		waitUntil(t, "one question.answered request", func() bool { return len(rcv.requests("/a", models.WebhookQuestionAnswered)) >= 1 })
		if err := db.Jobs().WaitDone(ctx, 10*time.Millisecond, store.WebhookFanoutKind, store.WebhookDeliverKind); err != nil {
			t.Fatal(err)
		}
		var kept []string
		if err := db.Bun().NewRaw("SELECT message_id FROM webhook_deliveries WHERE message_id LIKE 'msg_lama_%' ORDER BY message_id").Scan(ctx, &kept); err != nil {
			t.Fatal(err)
		}
		var orphans int
		if err := db.Bun().NewRaw("SELECT count(*) FROM webhook_attempts WHERE delivery_id NOT IN (SELECT id FROM webhook_deliveries)").Scan(ctx, &orphans); err != nil {
			t.Fatal(err)
		}
		if len(kept) != 1 || kept[0] != "msg_lama_1" || orphans != 0 {
			t.Errorf("after a delivery finished the old ones kept are %v with %d orphaned attempts; want only msg_lama_1 (within %s) and none", kept, orphans, store.WebhookRetention)
		}
		published := rcv.requests("/a", models.WebhookResponsePublished)
		if len(published) != 3 {
			t.Fatalf("%d response.published requests, want 3 (two 500s and the delivery)", len(published))
		}
		for i, h := range published {
			if h.id != published[0].id || h.id == "" {
				t.Errorf("attempt %d has webhook-id %q, want %q on every attempt", i+1, h.id, published[0].id)
			}
			if !verifyStandard(secret, h) {
				t.Errorf("attempt %d: the signature %q does not verify", i+1, h.signature)
			}
			if verifyStandard("whsec_"+base64.StdEncoding.EncodeToString([]byte("kunci lain yang tidak cocok!!!!!")), h) {
				t.Error("the signature verifies with a wrong secret too")
			}
		}
		var env struct {
			Type      string    `json:"type"`
			Timestamp time.Time `json:"timestamp"`
			Data      struct {
				Issue struct {
					Number, Title, Status, URL string
					Agency                     struct{ Slug string }
				} `json:"issue"`
				Response struct {
					Excerpt string
					URL     string
				} `json:"response"`
			} `json:"data"`
		}
		if err := json.Unmarshal(published[2].body, &env); err != nil {
			t.Fatal(err)
		}
		if env.Type != models.WebhookResponsePublished || env.Data.Issue.Number != issue.Number || env.Data.Issue.Agency.Slug != "dinkes" ||
			env.Data.Issue.Status != string(models.StatusAnswered) || env.Data.Response.Excerpt != body ||
			env.Data.Issue.URL != "https://tanggap.example.go.id/isu/"+issue.Number || env.Timestamp.IsZero() {
			t.Errorf("payload %s", published[2].body)
		}
		answered := rcv.requests("/a", models.WebhookQuestionAnswered)
		if len(answered) != 1 || !strings.Contains(string(answered[0].body), q.TrackingCode) || !verifyStandard(secret, answered[0]) {
			t.Errorf("question.answered: %d requests: %s", len(answered), answered)
		}
		for _, h := range rcv.requests("", "") {
			for _, personal := range []string{"Siti", "0812", "3456", questionText[:30], "198.51.100.7"} {
				if strings.Contains(string(h.body), personal) {
					t.Errorf("a %s payload contains personal data %q: %s", h.typ, personal, h.body)
				}
			}
		}
		if n := len(rcv.requests("/a", models.WebhookIssueStatusChanged)); n != 0 {
			t.Errorf("%d issue.status_changed requests to an endpoint that did not subscribe", n)
		}

		// The attempts are recorded; the waits between them grow and were kept.
		list, err := hooks.Webhooks(admin, 10)
		if err != nil {
			t.Fatal(err)
		}
		d := deliveryOf(findHook(t, list, created.Webhook.ID), models.WebhookResponsePublished)
		if d == nil || d.Status != models.DeliveryDelivered || d.Attempts != 3 || len(d.AttemptLog) != 3 || d.MessageID != published[0].id ||
			d.StatusCode == nil || *d.StatusCode != 200 || d.Excerpt != "diterima" {
			t.Fatalf("delivery %+v", d)
		}
		log := d.AttemptLog
		if log[0].StatusCode == nil || *log[0].StatusCode != 500 || log[0].Outcome != "RETRYABLE" || log[2].Outcome != "DELIVERED" {
			t.Errorf("attempt log %+v %+v %+v", log[0], log[1], log[2])
		}
		first, second := log[1].At.Sub(log[0].At), log[2].At.Sub(log[1].At)
		if first < 100*time.Millisecond || second < 400*time.Millisecond {
			t.Errorf("attempts %v apart, then %v; want at least the backoff's 100 ms and 400 ms", first, second)
		}
		if second <= first {
			t.Errorf("the waits did not grow: %v then %v", first, second)
		}

		// The secret is not in the audit log.
		page, err := db.AuditLog(admin, models.AuditFilter{Subject: "webhook:" + jsonNumber(created.Webhook.ID), First: 50})
		if err != nil || len(page.Entries) == 0 {
			t.Fatalf("audit of the webhook: %v, %v", page, err)
		}
		for _, e := range page.Entries {
			if strings.Contains(e.Changes, key) || strings.Contains(e.Changes, stored) {
				t.Errorf("audit entry %s holds the secret", e.Action)
			}
		}

		// Replay: the same webhook-id again, and only ADMIN may.
		if _, err := hooks.ReplayWebhookDelivery(trc, d.ID); models.ErrorCode(err) != models.EFORBIDDEN {
			t.Errorf("TRC replayed: %v", err)
		}
		if _, err := hooks.ReplayWebhookDelivery(admin, d.ID); err != nil {
			t.Fatal(err)
		}
		waitUntil(t, "the replay", func() bool { return len(rcv.requests("/a", models.WebhookResponsePublished)) >= 4 })
		replayed := rcv.requests("/a", models.WebhookResponsePublished)[3]
		if replayed.id != published[0].id || !verifyStandard(secret, replayed) {
			t.Errorf("replay sent webhook-id %q (want %q), signature verifies: %v", replayed.id, published[0].id, verifyStandard(secret, replayed))
		}

		// Rotation: the new secret is returned once; during the grace both verify.
		rotated, err := hooks.RotateWebhookSecret(admin, created.Webhook.ID)
		if err != nil {
			t.Fatal(err)
		}
		if rotated.Secret == secret || !rotated.Webhook.Rotating {
			t.Fatalf("rotation returned the same secret or is not rotating: %+v", rotated.Webhook)
		}
		if err := db.Jobs().WaitDone(ctx, 10*time.Millisecond, store.WebhookDeliverKind); err != nil {
			t.Fatal(err)
		}
		if _, err := hooks.ReplayWebhookDelivery(admin, d.ID); err != nil {
			t.Fatal(err)
		}
		waitUntil(t, "the replay after rotation", func() bool { return len(rcv.requests("/a", models.WebhookResponsePublished)) >= 5 })
		afterRotation := rcv.requests("/a", models.WebhookResponsePublished)[4]
		if !verifyStandard(rotated.Secret, afterRotation) || !verifyStandard(secret, afterRotation) {
			t.Errorf("during rotation the signature %q should verify with the new and the old secret", afterRotation.signature)
		}

		// Repeated failures disable an endpoint, with an audit entry.
		failing, err := hooks.CreateWebhook(admin, models.WebhookInput{URL: rcv.URL + "/gagal", Events: []string{models.WebhookIssueStatusChanged}})
		if err != nil {
			t.Fatal(err)
		}
		rcv.mu.Lock()
		rcv.script["/gagal"] = []int{503}
		rcv.mu.Unlock()
		if _, err := db.CloseIssue(trc, issue.Number); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ReopenIssue(trc, issue.Number, "Ada laporan baru dari warga."); err != nil {
			t.Fatal(err)
		}
		waitUntil(t, "the endpoint disabled", func() bool {
			list, err := hooks.Webhooks(admin, 10)
			return err == nil && !findHook(t, list, failing.Webhook.ID).Enabled
		})
		if err := db.Jobs().WaitDone(ctx, 10*time.Millisecond, store.WebhookFanoutKind, store.WebhookDeliverKind); err != nil {
			t.Fatal(err)
		}
		list, err = hooks.Webhooks(admin, 10)
		if err != nil {
			t.Fatal(err)
		}
		disabled := findHook(t, list, failing.Webhook.ID)
		if disabled.DisabledReason == "" || len(disabled.Deliveries) != 2 {
			t.Errorf("disabled endpoint: reason %q, %d deliveries", disabled.DisabledReason, len(disabled.Deliveries))
		}
		for _, d := range disabled.Deliveries {
			if d.Status != models.DeliveryFailed || d.Attempts != 3 {
				t.Errorf("delivery %s: %s after %d attempts, want FAILED after 3", d.MessageID, d.Status, d.Attempts)
			}
		}
		if got := len(rcv.requests("/gagal", "")); got != 6 {
			t.Errorf("the failing endpoint got %d requests, want 2 deliveries × 3 attempts", got)
		}
		page, err = db.AuditLog(admin, models.AuditFilter{Action: "webhook.disabled", First: 5})
		if err != nil || len(page.Entries) != 1 || page.Entries[0].Subject != "webhook:"+jsonNumber(failing.Webhook.ID) {
			t.Fatalf("audit of the disabling: %+v, %v", page, err)
		}
		// A disabled endpoint gets nothing; an update enables it again.
		if _, err := db.CloseIssue(trc, issue.Number); err != nil {
			t.Fatal(err)
		}
		if err := db.Jobs().WaitDone(ctx, 10*time.Millisecond, store.WebhookFanoutKind, store.WebhookDeliverKind); err != nil {
			t.Fatal(err)
		}
		if got := len(rcv.requests("/gagal", "")); got != 6 {
			t.Errorf("a disabled endpoint got %d requests", got)
		}
		enable := true
		updated, err := hooks.UpdateWebhook(admin, failing.Webhook.ID, models.WebhookUpdate{Enabled: &enable})
		if err != nil || !updated.Enabled || updated.ConsecutiveFailures != 0 || updated.DisabledReason != "" {
			t.Fatalf("enable again: %+v, %v", updated, err)
		}
		if _, err := db.ReopenIssue(trc, issue.Number, "Masih ada pertanyaan."); err != nil {
			t.Fatal(err)
		}
		waitUntil(t, "a delivery to the enabled endpoint", func() bool { return len(rcv.requests("/gagal", "")) >= 7 })

		// Deletion removes the endpoint and its deliveries.
		if _, err := hooks.DeleteWebhook(pic, failing.Webhook.ID); models.ErrorCode(err) != models.EFORBIDDEN {
			t.Errorf("PIC deleted: %v", err)
		}
		if err := db.Jobs().WaitDone(ctx, 10*time.Millisecond, store.WebhookDeliverKind); err != nil {
			t.Fatal(err)
		}
		if _, err := hooks.DeleteWebhook(admin, failing.Webhook.ID); err != nil {
			t.Fatal(err)
		}
		list, err = hooks.Webhooks(admin, 10)
		if err != nil || len(list) != 1 {
			t.Errorf("after deletion %d webhooks, %v", len(list), err)
		}
		_ = response
	})
}

func jsonNumber(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestWebhookPrivateAddresses: by default an endpoint on loopback is
// refused when it is registered and, when it was registered while allowed,
// when it is delivered to; the receiver never hears of it.
func TestWebhookPrivateAddresses(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustAgency(t, db, "dinkes", "Dinas Kesehatan")
		trc := storetest.As(storetest.MustUser(t, db, "trc@example.go.id", models.RoleTRC, ""))
		admin := storetest.As(storetest.MustUser(t, db, "admin@example.go.id", models.RoleAdmin, ""))
		rcv := newReceiver(t)
		key := []byte("kunci-penandatangan-uji-yang-panjang")
		refusing, err := store.NewWebhooks(db, store.WebhookConfig{Key: key, Backoff: testBackoff, Logger: quietLogger()})
		if err != nil {
			t.Fatal(err)
		}
		for _, url := range []string{rcv.URL + "/x", "http://localhost:1/x", "http://169.254.169.254/latest", "http://10.0.0.1/x"} {
			_, err := refusing.CreateWebhook(admin, models.WebhookInput{URL: url, Events: []string{models.WebhookIssueStatusChanged}})
			var e *models.Error
			if models.ErrorCode(err) != models.EINVALID || !asError(err, &e) || e.Field != "url" {
				t.Errorf("%s: %v, want EINVALID on url", url, err)
			}
		}
		allowing, err := store.NewWebhooks(db, store.WebhookConfig{Key: key, AllowPrivate: true, Logger: quietLogger()})
		if err != nil {
			t.Fatal(err)
		}
		created, err := allowing.CreateWebhook(admin, models.WebhookInput{URL: rcv.URL + "/x", Events: []string{models.WebhookIssueStatusChanged}})
		if err != nil {
			t.Fatalf("with private addresses allowed: %v", err)
		}
		// The process that delivers refuses private addresses.
		refusing.Register(db.Jobs())
		startQueue(t, db)
		issue, err := db.CreateIssue(trc, models.NewIssue{Title: "Jalan rusak", Summary: "Laporan warga.", Kind: models.KindComplaint})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AssignIssue(trc, models.Assignment{IssueNumber: issue.Number, AgencySlug: "dinkes", Priority: models.PriorityNormal}); err != nil {
			t.Fatal(err)
		}
		var d *models.WebhookDelivery
		waitUntil(t, "the delivery to fail", func() bool {
			list, err := refusing.Webhooks(admin, 5)
			if err != nil {
				t.Fatal(err)
			}
			d = deliveryOf(findHook(t, list, created.Webhook.ID), models.WebhookIssueStatusChanged)
			return d != nil && d.Status == models.DeliveryFailed
		})
		if d.Attempts != 1 || !strings.Contains(d.Error, "privat") {
			t.Errorf("refused delivery: %d attempts, error %q", d.Attempts, d.Error)
		}
		if n := len(rcv.requests("", "")); n != 0 {
			t.Errorf("the receiver on loopback got %d requests", n)
		}
	})
}

func asError(err error, target **models.Error) bool { return errors.As(err, target) }
