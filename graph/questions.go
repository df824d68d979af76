package graph

import (
	"context"

	"github.com/kotabaru/tanggap/graph/model"
	"github.com/kotabaru/tanggap/models"
)

// questionStatus is the status the caller sees (models.Question.ShownStatus),
// judged on the linked issue as the caller may see it.
func questionStatus(ctx context.Context, q *models.Question) (models.QuestionStatus, error) {
	if q.Status != models.QuestionLinked {
		return q.Status, nil
	}
	issue, err := loadOptional(ctx, loaders(ctx).Issue, q.IssueID)
	if err != nil {
		return "", err
	}
	return q.ShownStatus(issue), nil
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
		if at := q.AnsweredAt(issue); at != nil {
			events = append(events, &model.QuestionEvent{Type: model.QuestionEventTypeAnswered, At: *at})
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
