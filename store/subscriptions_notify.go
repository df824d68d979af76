package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/jobs"
	"github.com/kotabaru/tanggap/mail"
	"github.com/kotabaru/tanggap/models"
)

// The job kinds of following.
const (
	// FollowFanoutKind finds the followers of one change and notes what
	// each is to be told.
	FollowFanoutKind = "follow.fanout"
	// FollowDigestKind sends one address its next mail once the address's
	// hour since the last one has passed.
	FollowDigestKind = "follow.digest"
)

// Bounds of the follower mail.
const (
	// maxSearchFollows bounds the saved searches one change is matched
	// against.
	maxSearchFollows = 5000
	// maxDigestItems bounds the issues of one search digest.
	maxDigestItems = 20
	// maxPendingEvents bounds the events one digest run reads.
	maxPendingEvents = 200
)

// Kinds of a follower's pending event (subscription_events.kind).
const (
	eventIssueAnswered   = "issue_answered"
	eventIssueRevised    = "issue_revised"
	eventAgencyPublished = "agency_published"
	eventSearchMatch     = "search_match"
)

// FollowFanoutArgs are the arguments of a fanout job: the audit entry of
// an answer published or revised.
type FollowFanoutArgs struct {
	EntryID int64  `json:"entry_id"`
	Action  string `json:"action"`
	Issue   string `json:"issue"`
	// Reason is the public reason of a correction.
	Reason string `json:"reason,omitempty"`
}

// Kind names the fanout worker.
func (FollowFanoutArgs) Kind() string { return FollowFanoutKind }

// FollowDigestArgs are the arguments of a digest job: an address, by its
// keyed hash (never the address itself).
type FollowDigestArgs struct {
	Address string `json:"address"`
}

// Kind names the digest worker.
func (FollowDigestArgs) Kind() string { return FollowDigestKind }

// JobOptions folds the digest jobs of one address waiting together.
func (FollowDigestArgs) JobOptions() jobs.Options { return jobs.Options{Coalesce: true} }

// EnableFollowing makes answers reach their followers: every answer
// published or revised from now on (not the demo data or an import)
// enqueues a fanout job in its own transaction, and the workers of the
// fanout and digest jobs are registered on the store's queue. Call it while
// wiring, before the queue starts.
func (db *DB) EnableFollowing() {
	db.OnAudit(db.followHook)
	db.askPerGroup(subscriptionConfirmedKey, subscriptionConfirmed)
	jobs.Register(db.Jobs(), db.followFanout)
	jobs.Register(db.Jobs(), db.followDigest)
}

// subscriptionConfirmed selects a confirmed subscription, if any.
func subscriptionConfirmed(idb bun.IDB) *bun.SelectQuery {
	return idb.NewSelect().Model((*models.Subscription)(nil)).Where("confirmed_at IS NOT NULL").Limit(1)
}

const subscriptionConfirmedKey = "subscription confirmed"

// followHook enqueues the fanout of an answer published or revised by a
// person. It runs inside every write transaction, so it stops at the
// action and asks the database only whether anybody follows anything.
func (db *DB) followHook(ctx context.Context, tx bun.Tx, entry *models.AuditEntry) error {
	if entry.Action != "issue.answered" && entry.Action != "issue.revised" {
		return nil
	}
	// The demo loader replays history as the system actor; nobody is told
	// of the past.
	if models.UserFromContext(ctx).IsSystem() || !strings.HasPrefix(entry.Subject, "issue:") {
		return nil
	}
	// Subscriptions are confirmed through writeTx, never inside a group of
	// audited changes, so one answer holds for the whole group.
	exists, err := askOnce(ctx, subscriptionConfirmedKey, func() (bool, error) {
		return subscriptionConfirmed(tx).Exists(ctx)
	})
	if err != nil || !exists {
		return err
	}
	args := FollowFanoutArgs{EntryID: entry.ID, Action: entry.Action, Issue: strings.TrimPrefix(entry.Subject, "issue:")}
	var changes struct {
		Reason string `json:"reason"`
	}
	if json.Unmarshal([]byte(entry.Changes), &changes) == nil && entry.Action == "issue.revised" {
		args.Reason = changes.Reason
	}
	return jobs.Enqueue(ctx, tx, args)
}

// followFanout notes the event of one answer for every follower it
// concerns and enqueues their digests, completing the job in the same
// transaction.
func (db *DB) followFanout(ctx context.Context, job *jobs.Job[FollowFanoutArgs]) error {
	a := job.Args
	return db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		issue, err := issueByNumber(ctx, tx, a.Issue)
		if models.ErrorCode(err) == models.ENOTFOUND || (err == nil && !issue.IsPublic()) {
			return jobs.Complete(ctx, tx, job)
		} else if err != nil {
			return err
		}
		events := map[int64]string{} // subscription id → event kind
		add := func(kind, value, event string) error {
			var ids []int64
			err := tx.NewSelect().Model((*models.Subscription)(nil)).Column("id").
				Where("confirmed_at IS NOT NULL").
				Where("target_kind = ?", kind).
				Where("target_value = ?", value).
				Scan(ctx, &ids)
			for _, id := range ids {
				if _, seen := events[id]; !seen {
					events[id] = event
				}
			}
			return err
		}
		if a.Action == "issue.revised" {
			if err := add(string(models.FollowIssue), issue.Number, eventIssueRevised); err != nil {
				return err
			}
		} else {
			if err := add(string(models.FollowIssue), issue.Number, eventIssueAnswered); err != nil {
				return err
			}
			if issue.AgencyID != nil {
				var slug string
				if err := tx.NewSelect().Table("agencies").Column("slug").Where("id = ?", *issue.AgencyID).Scan(ctx, &slug); err != nil {
					return err
				}
				if err := add(string(models.FollowAgency), slug, eventAgencyPublished); err != nil {
					return err
				}
			}
			if err := db.matchSearches(ctx, tx, issue, events); err != nil {
				return err
			}
		}
		if len(events) > 0 {
			if err := db.noteFollowEvents(ctx, tx, a, issue, events, now); err != nil {
				return err
			}
		}
		return jobs.Complete(ctx, tx, job)
	})
}

// noteFollowEvents writes the events (once per subscription and change)
// and enqueues a digest job for each address concerned.
func (db *DB) noteFollowEvents(ctx context.Context, tx bun.Tx, a FollowFanoutArgs, issue *models.Issue, events map[int64]string, now time.Time) error {
	rows := make([]map[string]any, 0, len(events))
	ids := make([]int64, 0, len(events))
	for id, kind := range events {
		ids = append(ids, id)
		rows = append(rows, map[string]any{"subscription_id": id, "entry_id": a.EntryID, "kind": kind,
			"issue_id": issue.ID, "reason": a.Reason, "created_at": now})
	}
	for _, row := range rows {
		if _, err := tx.NewInsert().Model(&row).ModelTableExpr("subscription_events").On("CONFLICT DO NOTHING").Exec(ctx); err != nil {
			return fmt.Errorf("note follow event: %w", err)
		}
	}
	var addresses []string
	err := tx.NewSelect().Model((*models.Subscription)(nil)).
		ColumnExpr("DISTINCT email_hash").
		Where("id IN (?)", bun.In(ids)).
		Scan(ctx, &addresses)
	if err != nil {
		return err
	}
	for _, address := range addresses {
		if err := jobs.Enqueue(ctx, tx, FollowDigestArgs{Address: address}); err != nil {
			return err
		}
	}
	return nil
}

// matchSearches adds a search_match event for every saved search that
// finds the issue: each word of the search appears in the issue's title,
// summary, agency or published answer (as a word or inside one, so that
// "banjir" finds "kebanjiran").
func (db *DB) matchSearches(ctx context.Context, tx bun.Tx, issue *models.Issue, events map[int64]string) error {
	var subs []models.Subscription
	err := tx.NewSelect().Model(&subs).Column("id", "target_value").
		Where("confirmed_at IS NOT NULL").
		Where("target_kind = ?", models.FollowSearch).
		OrderExpr("id ASC").
		Limit(maxSearchFollows).
		Scan(ctx)
	if err != nil || len(subs) == 0 {
		return err
	}
	var bodies []string
	if err := tx.NewSelect().Table("responses").Column("body").
		Where("issue_id = ?", issue.ID).
		Where("status = ?", models.ResponsePublished).
		Scan(ctx, &bodies); err != nil {
		return err
	}
	parts := append([]string{issue.Title, issue.Summary, issue.Number}, bodies...)
	if issue.AgencyID != nil {
		var name, short string
		if err := tx.NewSelect().Table("agencies").Column("name", "short_name").Where("id = ?", *issue.AgencyID).Scan(ctx, &name, &short); err != nil {
			return err
		}
		parts = append(parts, name, short)
	}
	text := " " + strings.Join(searchWords(strings.Join(parts, " ")), " ") + " "
	for _, s := range subs {
		if _, seen := events[s.ID]; seen {
			continue
		}
		if matchesAll(text, searchWords(s.TargetValue)) {
			events[s.ID] = eventSearchMatch
		}
	}
	return nil
}

// searchWords lower-cases s and splits it into words of letters and
// digits.
func searchWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func matchesAll(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return len(words) > 0
}

// pendingEvent is one event waiting for its digest, with its subscription.
type pendingEvent struct {
	ID             int64     `bun:"id"`
	SubscriptionID int64     `bun:"subscription_id"`
	Kind           string    `bun:"kind"`
	IssueID        int64     `bun:"issue_id"`
	Reason         string    `bun:"reason"`
	CreatedAt      time.Time `bun:"created_at"`
}

// followDigest sends an address its next mail when its hour since the last
// one has passed: the mail of the subscription whose events are due first
// (a search's matches are gathered for an hour first). The mail is
// enqueued, the events deleted and the job completed in one transaction;
// a job is left for the subscriptions still waiting. Before then the job
// waits, uncounted, until the time read from the store's clock.
func (db *DB) followDigest(ctx context.Context, job *jobs.Job[FollowDigestArgs]) error {
	var wait time.Duration
	err := db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		wait = 0
		// The address's subscriptions are locked: two digest jobs of one
		// address (one coalesced while the other ran) would otherwise both
		// read its events before either deleted them, and send one mail twice.
		var subs []*models.Subscription
		if err := db.forUpdate(tx.NewSelect().Model(&subs).
			Where("email_hash = ?", job.Args.Address).
			Where("confirmed_at IS NOT NULL").
			OrderExpr("id ASC")).
			Scan(ctx); err != nil {
			return err
		}
		var events []pendingEvent
		if len(subs) > 0 {
			ids := make([]int64, len(subs))
			for i, s := range subs {
				ids[i] = s.ID
			}
			if err := tx.NewSelect().Table("subscription_events").
				Column("id", "subscription_id", "kind", "issue_id", "reason", "created_at").
				Where("subscription_id IN (?)", bun.In(ids)).
				OrderExpr("id ASC").
				Limit(maxPendingEvents).
				Scan(ctx, &events); err != nil {
				return err
			}
		}
		if len(events) == 0 {
			return jobs.Complete(ctx, tx, job)
		}
		sub, due := nextDigest(subs, events)
		if due.After(now) {
			wait = max(due.Sub(now), time.Second)
			return nil
		}
		var mine []pendingEvent
		for _, e := range events {
			if e.SubscriptionID == sub.ID {
				mine = append(mine, e)
			}
		}
		n, err := db.followNotification(ctx, tx, sub, mine)
		if err != nil {
			return err
		}
		if n != nil {
			if err := db.enqueueMail(ctx, tx, *n); err != nil {
				return err
			}
			sub.LastNotifiedAt = &now
			if _, err := tx.NewUpdate().Model(sub).Column("last_notified_at").WherePK().Exec(ctx); err != nil {
				return err
			}
		}
		ids := make([]int64, len(mine))
		for i, e := range mine {
			ids[i] = e.ID
		}
		if _, err := tx.NewDelete().TableExpr("subscription_events").Where("id IN (?)", bun.In(ids)).Exec(ctx); err != nil {
			return err
		}
		if len(mine) < len(events) || len(events) == maxPendingEvents {
			// The address's other subscriptions wait for their turn.
			if err := jobs.Enqueue(ctx, tx, job.Args); err != nil {
				return err
			}
		}
		return jobs.Complete(ctx, tx, job)
	})
	if err != nil {
		return err
	}
	if wait > 0 {
		return jobs.RetryLater(wait)
	}
	return nil
}

// nextDigest picks the subscription whose mail is due first and when: an
// hour after the address's last mail, and for a saved search not before an
// hour after its first waiting match.
func nextDigest(subs []*models.Subscription, events []pendingEvent) (*models.Subscription, time.Time) {
	var last time.Time
	for _, s := range subs {
		if s.LastNotifiedAt != nil && s.LastNotifiedAt.After(last) {
			last = *s.LastNotifiedAt
		}
	}
	var best *models.Subscription
	var bestDue time.Time
	for _, s := range subs {
		first := time.Time{}
		for _, e := range events {
			if e.SubscriptionID == s.ID && (first.IsZero() || e.CreatedAt.Before(first)) {
				first = e.CreatedAt
			}
		}
		if first.IsZero() {
			continue
		}
		due := first
		if s.TargetKind == models.FollowSearch {
			due = first.Add(models.FollowMailInterval)
		}
		if !last.IsZero() && last.Add(models.FollowMailInterval).After(due) {
			due = last.Add(models.FollowMailInterval)
		}
		if best == nil || due.Before(bestDue) {
			best, bestDue = s, due
		}
	}
	return best, bestDue
}

// followNotification builds the mail of one subscription's events, or nil
// when none of their issues is public any more.
func (db *DB) followNotification(ctx context.Context, tx bun.Tx, sub *models.Subscription, events []pendingEvent) (*mail.Notification, error) {
	ids := make([]int64, 0, len(events))
	for _, e := range events {
		if !slices.Contains(ids, e.IssueID) {
			ids = append(ids, e.IssueID)
		}
	}
	byID := map[int64]mail.Issue{}
	first := int64(0)
	for _, id := range ids {
		item, public, err := mailIssue(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		if public {
			byID[id] = item
			if first == 0 {
				first = id
			}
		}
	}
	if len(byID) == 0 {
		return nil, nil
	}
	n := &mail.Notification{To: sub.Email, StopToken: sub.StopToken}
	switch sub.TargetKind {
	case models.FollowIssue:
		n.Kind = mail.KindIssueAnswered
		for _, e := range events {
			if e.Kind == eventIssueRevised {
				n.Kind, n.Reason = mail.KindIssueRevised, e.Reason
			}
		}
		n.Issue = byID[first]
	case models.FollowAgency:
		// The newest answer; the mail links to all of the agency's answers.
		agency, err := agencyBySlug(ctx, tx, sub.TargetValue)
		if err != nil {
			return nil, err
		}
		n.Kind, n.Agency = mail.KindAgencyPublished, mail.Agency{Slug: agency.Slug, Name: agency.Name}
		for i := len(events) - 1; i >= 0; i-- {
			if item, ok := byID[events[i].IssueID]; ok {
				n.Issue = item
				break
			}
		}
	case models.FollowSearch:
		n.Kind, n.Search = mail.KindSearchDigest, sub.TargetValue
		for i := len(events) - 1; i >= 0 && len(n.Items) < maxDigestItems; i-- {
			item, ok := byID[events[i].IssueID]
			if ok && !slices.ContainsFunc(n.Items, func(x mail.Issue) bool { return x.Number == item.Number }) {
				n.Items = append(n.Items, item)
			}
		}
	default:
		return nil, fmt.Errorf("subscription %d: unknown target %q", sub.ID, sub.TargetKind)
	}
	return n, nil
}
