package graph

import (
	"context"

	"github.com/kotabaru/tanggap/graph/model"
	"github.com/kotabaru/tanggap/models"
)

// questionStatus derives ANSWERED: a linked question whose issue, as the
// caller may see it, has a published answer.
func questionStatus(ctx context.Context, q *models.Question) (models.QuestionStatus, error) {
	if q.Status != models.QuestionLinked {
		return q.Status, nil
	}
	issue, err := loadOptional(ctx, loaders(ctx).Issue, q.IssueID)
	if err != nil {
		return "", err
	}
	if issue != nil && issue.AnsweredAt != nil {
		return models.QuestionAnswered, nil
	}
	return q.Status, nil
}

// questionTimeline lists the public steps of a question.
func questionTimeline(ctx context.Context, q *models.Question) ([]*model.QuestionEvent, error) {
	events := []*model.QuestionEvent{{Type: model.QuestionEventTypeReceived, At: q.CreatedAt}}
	if q.LinkedAt != nil {
		events = append(events, &model.QuestionEvent{Type: model.QuestionEventTypeLinked, At: *q.LinkedAt})
		issue, err := loadOptional(ctx, loaders(ctx).Issue, q.IssueID)
		if err != nil {
			return nil, err
		}
		if issue != nil && issue.AnsweredAt != nil {
			at := *issue.AnsweredAt
			if at.Before(*q.LinkedAt) {
				at = *q.LinkedAt
			}
			events = append(events, &model.QuestionEvent{Type: model.QuestionEventTypeAnswered, At: at})
		}
	}
	if q.RejectedAt != nil {
		events = append(events, &model.QuestionEvent{Type: model.QuestionEventTypeRejected, At: *q.RejectedAt, Reason: optionalString(q.RejectReason)})
	}
	return events, nil
}

func questionFilter(f *model.QuestionFilter, first *int, after *string) models.QuestionFilter {
	out := models.QuestionFilter{First: deref(first), After: deref(after)}
	if first != nil && *first == 0 {
		out.First = -1
	}
	if f != nil {
		out.Statuses, out.AgencySlug = f.Status, deref(f.AgencySlug)
	}
	return out
}

func questionConnection(page *models.QuestionPage) *model.QuestionConnection {
	conn := &model.QuestionConnection{PageInfo: pageInfo(page.Cursors, page.HasNextPage), TotalCount: page.TotalCount}
	for i, q := range page.Questions {
		conn.Edges = append(conn.Edges, &model.QuestionEdge{Cursor: page.Cursors[i], Node: q})
	}
	return conn
}
