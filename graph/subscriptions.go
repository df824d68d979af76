package graph

import (
	"github.com/kotabaru/tanggap/graph/model"
	"github.com/kotabaru/tanggap/models"
)

// subscribePayload tells what was followed; the address is never part of
// it.
func subscribePayload(r *models.SubscribeResult) *model.SubscribePayload {
	if r == nil {
		return nil
	}
	return &model.SubscribePayload{Target: model.FollowTarget(r.Target), Value: r.Value, Label: r.Label}
}
