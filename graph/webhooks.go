package graph

import (
	"strings"

	"github.com/kotabaru/tanggap/graph/model"
	"github.com/kotabaru/tanggap/graph/scalar"
	"github.com/kotabaru/tanggap/models"
)

// The types of the webhook ids.
const (
	typeWebhook         = "Webhook"
	typeWebhookDelivery = "WebhookDelivery"
)

// The webhook ids are global ids too, so that an id the API gave is read
// back as one.
func init() {
	scalar.NodeTypes[typeWebhook] = true
	scalar.NodeTypes[typeWebhookDelivery] = true
}

// webhookDeliveriesListed is how many recent deliveries Webhook.deliveries
// shows.
const webhookDeliveriesListed = 20

// errWebhooksOff answers when the server was built without webhooks.
var errWebhooksOff = models.Errorf(models.EUNAVAILABLE, "Webhook tidak tersedia di server ini")

// webhookEvents turns schema event values (RESPONSE_PUBLISHED) into the
// event types of the payloads (response.published).
func webhookEvents(in []model.WebhookEvent) []string {
	var out []string
	for _, e := range in {
		out = append(out, strings.Replace(strings.ToLower(string(e)), "_", ".", 1))
	}
	return out
}

// webhookEventValue is the schema value of an event type.
func webhookEventValue(typ string) model.WebhookEvent {
	return model.WebhookEvent(strings.ToUpper(strings.Replace(typ, ".", "_", 1)))
}

func webhookView(h *models.Webhook) *model.Webhook {
	v := &model.Webhook{
		ID: *nodeID(typeWebhook, h.ID), URL: h.URL, Description: h.Description, Enabled: h.Enabled,
		DisabledReason: h.DisabledReason, ConsecutiveFailures: h.ConsecutiveFailures, Rotating: h.Rotating,
		RotationEndsAt: h.RotationEndsAt, CreatedAt: h.CreatedAt, UpdatedAt: h.UpdatedAt,
		Events: []model.WebhookEvent{}, Deliveries: []*model.WebhookDelivery{},
	}
	for _, e := range h.Events {
		v.Events = append(v.Events, webhookEventValue(e))
	}
	for _, d := range h.Deliveries {
		v.Deliveries = append(v.Deliveries, deliveryView(d))
	}
	return v
}

func deliveryView(d *models.WebhookDelivery) *model.WebhookDelivery {
	v := &model.WebhookDelivery{
		ID: *nodeID(typeWebhookDelivery, d.ID), MessageID: d.MessageID, Event: webhookEventValue(d.EventType),
		Subject: d.Subject, Status: model.WebhookDeliveryStatus(d.Status), Attempts: d.Attempts,
		ResponseCode: d.StatusCode, ResponseExcerpt: d.Excerpt, Error: d.Error, CreatedAt: d.CreatedAt,
		LastAttemptAt: d.LastAttemptAt, NextAttemptAt: d.NextAttemptAt, AttemptLog: []*model.WebhookAttempt{},
	}
	for _, a := range d.AttemptLog {
		v.AttemptLog = append(v.AttemptLog, &model.WebhookAttempt{At: a.At, ResponseCode: a.StatusCode, Outcome: a.Outcome, Error: a.Error})
	}
	return v
}
