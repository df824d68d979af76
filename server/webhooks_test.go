package server_test

import (
	"strings"
	"testing"

	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/server"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

func withWebhooks(t *testing.T, db *store.DB, allowPrivate bool) apiOption {
	hooks, err := store.NewWebhooks(db, store.WebhookConfig{Key: []byte("test-secret-test-secret-test-secret!"), AllowPrivate: allowPrivate})
	if err != nil {
		t.Fatal(err)
	}
	return func(_ *graph.Limits, cfg *server.Config) { cfg.Services.Webhooks = hooks }
}

// TestWebhooksAPI: only ADMIN manages webhooks through the API; the
// secret is returned by createWebhook and rotateWebhookSecret only, and no
// field can read it back; a loopback URL is refused unless allowed.
func TestWebhooksAPI(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustUser(t, db, "admin@example.go.id", models.RoleAdmin, "")
		storetest.MustUser(t, db, "trc@example.go.id", models.RoleTRC, "")
		api := newTestAPI(t, db, withWebhooks(t, db, true))
		admin := api.login("admin@example.go.id", storetest.Password)
		trc := api.login("trc@example.go.id", storetest.Password)
		const create = `mutation($in: CreateWebhookInput!) { createWebhook(input: $in) { secret webhook { id url events enabled } } }`
		in := map[string]any{"in": map[string]any{"url": "http://127.0.0.1:9/hook", "events": []string{"RESPONSE_PUBLISHED", "QUESTION_ANSWERED"}, "description": "Redaksi"}}

		if r := api.post("", `{ webhooks { id } }`, nil); r.code() != models.EUNAUTHENTICATED {
			t.Errorf("anonymous webhooks: %s", r.Raw)
		}
		if r := api.post(trc, `{ webhooks { id } }`, nil); r.code() != models.EFORBIDDEN {
			t.Errorf("TRC webhooks: %s", r.Raw)
		}
		if r := api.post(trc, create, in); r.code() != models.EFORBIDDEN {
			t.Errorf("TRC createWebhook: %s", r.Raw)
		}

		var created struct {
			CreateWebhook struct {
				Secret  string
				Webhook struct {
					ID      string
					URL     string
					Events  []string
					Enabled bool
				}
			}
		}
		api.post(admin, create, in).decode(t, &created)
		secret := created.CreateWebhook.Secret
		if !strings.HasPrefix(secret, "whsec_") || !created.CreateWebhook.Webhook.Enabled ||
			strings.Join(created.CreateWebhook.Webhook.Events, ",") != "RESPONSE_PUBLISHED,QUESTION_ANSWERED" {
			t.Fatalf("created %+v", created)
		}
		id := created.CreateWebhook.Webhook.ID
		list := api.post(admin, `{ webhooks { id url description events enabled disabledReason consecutiveFailures rotating createdAt deliveries { id } } }`, nil)
		if len(list.Errors) > 0 || !strings.Contains(string(list.Raw), id) || strings.Contains(string(list.Raw), strings.TrimPrefix(secret, "whsec_")) {
			t.Errorf("webhooks query: %s", list.Raw)
		}
		if r := api.post(admin, `{ webhooks { secret } }`, nil); len(r.Errors) == 0 {
			t.Errorf("a secret field can be queried: %s", r.Raw)
		}
		audit := api.post(admin, `{ auditLog(filter: {action: "webhook.create"}) { edges { node { changes } } } }`, nil)
		if len(audit.Errors) > 0 || !strings.Contains(string(audit.Raw), "127.0.0.1") || strings.Contains(string(audit.Raw), strings.TrimPrefix(secret, "whsec_")) {
			t.Errorf("audit of the creation: %s", audit.Raw)
		}

		var updated struct {
			UpdateWebhook struct {
				Events  []string
				Enabled bool
			}
		}
		api.post(admin, `mutation($id: ID!) { updateWebhook(input: {id: $id, events: [ISSUE_STATUS_CHANGED], enabled: false}) { events enabled } }`,
			map[string]any{"id": id}).decode(t, &updated)
		if strings.Join(updated.UpdateWebhook.Events, ",") != "ISSUE_STATUS_CHANGED" || updated.UpdateWebhook.Enabled {
			t.Errorf("updated %+v", updated)
		}
		if r := api.post(admin, `mutation($id: ID!) { updateWebhook(input: {id: $id, events: []}) { id } }`, map[string]any{"id": id}); r.code() != models.EINVALID {
			t.Errorf("no events accepted: %s", r.Raw)
		}
		var rotated struct {
			RotateWebhookSecret struct {
				Secret  string
				Webhook struct{ Rotating bool }
			}
		}
		api.post(admin, `mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret webhook { rotating } } }`, map[string]any{"id": id}).decode(t, &rotated)
		if !strings.HasPrefix(rotated.RotateWebhookSecret.Secret, "whsec_") || rotated.RotateWebhookSecret.Secret == secret || !rotated.RotateWebhookSecret.Webhook.Rotating {
			t.Errorf("rotated %+v", rotated)
		}
		if r := api.post(trc, `mutation($id: ID!) { deleteWebhook(id: $id) { id } }`, map[string]any{"id": id}); r.code() != models.EFORBIDDEN {
			t.Errorf("TRC deleteWebhook: %s", r.Raw)
		}
		if r := api.post(admin, `mutation($id: ID!) { deleteWebhook(id: $id) { id } }`, map[string]any{"id": id}); len(r.Errors) > 0 {
			t.Errorf("deleteWebhook: %s", r.Raw)
		}
		if r := api.post(admin, `mutation($id: ID!) { deleteWebhook(id: $id) { id } }`, map[string]any{"id": id}); r.code() != models.ENOTFOUND {
			t.Errorf("deleting again: %s", r.Raw)
		}

		// Without TANGGAP_WEBHOOK_ALLOW_PRIVATE a loopback URL is refused.
		strict := newTestAPI(t, db, withWebhooks(t, db, false))
		r := strict.post(admin, create, in)
		if r.code() != models.EINVALID || len(r.Errors) == 0 || r.Errors[0].Extensions["field"] != "url" {
			t.Errorf("loopback URL by default: %s", r.Raw)
		}
	})
}
