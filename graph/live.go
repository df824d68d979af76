package graph

import (
	"context"
	"log/slog"
	"strings"

	"github.com/kotabaru/tanggap/live"
	"github.com/kotabaru/tanggap/models"
)

// LiveEvents is where subscriptions hear of committed changes: in this
// process, or from every process on the same PostgreSQL database.
type LiveEvents interface {
	// Subscribe returns the events published from now on; the channel is
	// closed when ctx ends or the source shuts down.
	Subscribe(ctx context.Context) <-chan live.Event
}

// errLiveOff refuses a subscription on a server wired without live updates.
var errLiveOff = &models.Error{Code: models.EUNAVAILABLE, RetryAfterSeconds: 60,
	Message: "Pembaruan langsung tidak tersedia di server ini."}

// watchIssue streams the issue with this number each time it changes, read
// afresh with the caller's rights: while the caller may not see the issue,
// nothing is sent.
func (r *Resolver) watchIssue(ctx context.Context, number string) (<-chan *models.Issue, error) {
	if r.Live == nil {
		return nil, errLiveOff
	}
	number = strings.TrimSpace(number)
	if number == "" || len(number) > 64 {
		return nil, models.Invalid("number", "Nomor isu wajib diisi, paling panjang 64 karakter.")
	}
	events := r.Live.Subscribe(ctx)
	out := make(chan *models.Issue)
	go func() {
		defer close(out)
		for e := range events {
			if !strings.EqualFold(e.Number, number) {
				continue
			}
			issue, err := r.Issues.IssueByNumber(ctx, e.Number)
			if err != nil {
				logLiveRead(ctx, err)
				continue
			}
			select {
			case out <- issue:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}

// watchResponses streams each response as it is published or corrected, of
// one agency or of all, on the issues the caller may see.
func (r *Resolver) watchResponses(ctx context.Context, agencySlug *string) (<-chan *models.Response, error) {
	if r.Live == nil {
		return nil, errLiveOff
	}
	var agencyID int64
	if agencySlug != nil {
		agency, err := r.Agencies.AgencyBySlug(ctx, strings.TrimSpace(*agencySlug))
		if err != nil {
			return nil, err
		}
		agencyID = agency.ID
	}
	events := r.Live.Subscribe(ctx)
	out := make(chan *models.Response)
	go func() {
		defer close(out)
		for e := range events {
			if !e.Kind.PublishesResponse() {
				continue
			}
			response, err := r.publishedResponse(ctx, e.Number)
			if err != nil {
				logLiveRead(ctx, err)
				continue
			}
			if response == nil || (agencyID != 0 && response.AgencyID != agencyID) {
				continue
			}
			select {
			case out <- response:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}

// publishedResponse is the issue's most recently published response as the
// caller may see it, or nil.
func (r *Resolver) publishedResponse(ctx context.Context, number string) (*models.Response, error) {
	issue, err := r.Issues.IssueByNumber(ctx, number)
	if err != nil {
		return nil, err
	}
	responses, err := r.Responses.ResponsesByIssueIDs(ctx, []int64{issue.ID})
	if err != nil {
		return nil, err
	}
	var latest *models.Response
	for _, response := range responses {
		if response.Status != models.ResponsePublished || response.IssueID != issue.ID {
			continue
		}
		if latest == nil || response.UpdatedAt.After(latest.UpdatedAt) {
			latest = response
		}
	}
	return latest, nil
}

// logLiveRead logs a failed read of an update, unless it only means the
// caller may not see the issue, or the stream is ending.
func logLiveRead(ctx context.Context, err error) {
	if models.ErrorCode(err) == models.ENOTFOUND || ctx.Err() != nil {
		return
	}
	slog.ErrorContext(ctx, "live update: read failed", "request_id", models.RequestIDFromContext(ctx), "err", err)
}
