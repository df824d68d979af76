package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store/demodata"
)

// DemoPassword is the password of every demo staff account. Demo data is
// only ever loaded into an empty database on request.
const DemoPassword = "tanggap-demo-2026"

// demoHistoryEndHour is the local hour of the day before loading at which
// the demo histories end. Of the whole hours it puts the most of the demo's
// steps inside working hours.
const demoHistoryEndHour = 18

// DemoResult says what LoadDemo wrote.
type DemoResult struct {
	Agencies, Categories, Issues, Responses, Questions int
	Staff                                              []demodata.Staff
}

// LoadDemo fills an empty database with the demo content of package
// demodata: agencies, categories, staff accounts (password DemoPassword),
// the national holidays and six months of issues. Everything is written in
// one transaction, with a search index job per issue.
//
// The histories end at demoHistoryEndHour of the local day before now, so
// the working time between their steps, and every figure built on it, is
// the same at whatever hour the demo is loaded. The audit log holds the history too: an
// entry for every step the loader replays, at the step's own time and in
// time order, each chained to the one before, and last the demo.load entry
// at now.
func (db *DB) LoadDemo(ctx context.Context, now time.Time) (*DemoResult, error) {
	if !models.UserFromContext(ctx).IsSystem() {
		return nil, forbidden()
	}
	hashes := make([]string, len(demodata.StaffAccounts()))
	for i := range demodata.StaffAccounts() {
		hash, err := db.Hasher.Hash(ctx, DemoPassword)
		if err != nil {
			return nil, wrapErr(err)
		}
		hashes[i] = hash
	}
	now = now.UTC().Truncate(time.Microsecond)
	y, m, d := now.In(db.loc).Date()
	anchor := time.Date(y, m, d-1, demoHistoryEndHour, 0, 0, 0, db.loc).UTC()
	result := &DemoResult{Staff: demodata.StaffAccounts()}
	err := db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, _ time.Time) error {
		if n, err := tx.NewSelect().Model((*models.Agency)(nil)).Count(ctx); err != nil {
			return err
		} else if n > 0 {
			return models.Errorf(models.ECONFLICT, "Basis data sudah berisi data; data demo hanya dimuat ke basis data kosong")
		}
		l := &historyLoader{db: db, tx: tx, now: anchor, agencies: map[string]*models.Agency{},
			categories: map[string]int64{}, pics: map[string]*models.User{}}
		if err := l.reference(ctx, hashes); err != nil {
			return err
		}
		if err := l.holidays(ctx); err != nil {
			return err
		}
		var err error
		if l.schedule, err = db.schedule(ctx, tx); err != nil {
			return err
		}
		for i := range demodata.Issues() {
			if err := l.issue(ctx, &demodata.Issues()[i]); err != nil {
				return fmt.Errorf("demo issue %d (%s): %w", i, demodata.Issues()[i].Title, err)
			}
		}
		if err := l.appendHistory(ctx); err != nil {
			return err
		}
		result.Agencies, result.Categories = len(demodata.Agencies()), len(demodata.Categories())
		result.Issues, result.Responses, result.Questions = len(demodata.Issues()), l.responses, l.questions
		return db.appendAudit(ctx, tx, models.SystemUser, now, models.AuditRecord{
			Action: "demo.load", Subject: "database",
			Changes: map[string]int{"agencies": result.Agencies, "categories": result.Categories,
				"staff": len(demodata.StaffAccounts()), "issues": result.Issues, "responses": result.Responses, "questions": result.Questions},
		})
	})
	if err != nil {
		return nil, err
	}
	return result, nil
}

type historyLoader struct {
	db         *DB
	tx         bun.Tx
	now        time.Time
	agencies   map[string]*models.Agency
	categories map[string]int64
	pics       map[string]*models.User
	trc        *models.User
	// schedule computes due times, once the holidays are in.
	schedule models.Schedule
	// issues are the issues written so far, in the order of the data.
	issues    []*models.Issue
	responses int
	questions int
	// steps collects the audit entries of the replayed steps, appended
	// in time order once every row exists.
	steps []demoAudit
}

// demoAudit is one replayed step's audit entry.
type demoAudit struct {
	at     time.Time
	actor  *models.User
	record models.AuditRecord
}

// audit notes the audit entry of a replayed step.
func (l *historyLoader) audit(at time.Time, actor *models.User, action, subject string, changes any) {
	l.steps = append(l.steps, demoAudit{at: at, actor: actor, record: models.AuditRecord{Action: action, Subject: subject, Changes: changes}})
}

// appendHistory appends the noted entries to the audit chain, oldest first;
// steps at the same instant keep the order in which they were replayed.
func (l *historyLoader) appendHistory(ctx context.Context) error {
	sort.SliceStable(l.steps, func(i, j int) bool { return l.steps[i].at.Before(l.steps[j].at) })
	for _, h := range l.steps {
		if err := l.db.appendAudit(ctx, l.tx, h.actor, h.at, h.record); err != nil {
			return err
		}
	}
	return nil
}

// holidays writes the national holidays and cuti bersama days of the data,
// as an admin would, so that due times skip them.
func (l *historyLoader) holidays(ctx context.Context) error {
	list, _ := demodata.Holidays()
	created := l.now.Add(-200 * 24 * time.Hour)
	var added []string
	for _, h := range list {
		row := &holidayRow{Date: h.Date, Name: h.Name, Kind: models.HolidayKind(h.Kind), CreatedAt: created}
		if _, err := l.tx.NewInsert().Model(row).Exec(ctx); err != nil {
			return fmt.Errorf("demo holiday %s: %w", h.Date, err)
		}
		added = append(added, h.Date+" "+h.Name)
	}
	l.audit(created, models.SystemUser, "calendar.import_holidays", "holidays:demodata/holidays.json",
		map[string]any{"added": added, "skipped": 0, "issuesRecomputed": 0})
	return nil
}

func (l *historyLoader) reference(ctx context.Context, hashes []string) error {
	created := l.now.Add(-200 * 24 * time.Hour)
	for _, a := range demodata.Agencies() {
		row := &models.Agency{Slug: a.Slug, Name: a.Name, ShortName: a.ShortName, Description: a.Description, CreatedAt: created, UpdatedAt: created}
		if _, err := l.tx.NewInsert().Model(row).Exec(ctx); err != nil {
			return err
		}
		l.agencies[a.Slug] = row
		l.audit(created, models.SystemUser, "agency.create", "agency:"+row.Slug, row)
	}
	for _, c := range demodata.Categories() {
		row := &models.Category{Slug: c.Slug, Name: c.Name, Description: c.Description, CreatedAt: created, UpdatedAt: created}
		if _, err := l.tx.NewInsert().Model(row).Exec(ctx); err != nil {
			return err
		}
		l.categories[c.Slug] = row.ID
		l.audit(created, models.SystemUser, "category.create", "category:"+row.Slug, row)
	}
	if err := insertSynonyms(ctx, l.tx, demodata.Synonyms(), created); err != nil {
		return err
	}
	for i, s := range demodata.StaffAccounts() {
		user := &models.User{Email: s.Email, Name: s.Name, Role: models.Role(s.Role), PasswordHash: hashes[i],
			Active: true, TokenVersion: 1, CreatedAt: created, UpdatedAt: created}
		if s.AgencySlug != "" {
			user.AgencyID = &l.agencies[s.AgencySlug].ID
		}
		if _, err := l.tx.NewInsert().Model(user).Exec(ctx); err != nil {
			return err
		}
		l.audit(created, models.SystemUser, "user.create", userSubject(user),
			map[string]any{"email": user.Email, "name": user.Name, "role": user.Role, "agency": s.AgencySlug})
		switch {
		case user.Role == models.RolePIC:
			l.pics[s.AgencySlug] = user
		case user.Role == models.RoleTRC && l.trc == nil:
			l.trc = user
		}
	}
	return nil
}

// at turns an offset from an issue's logging into an instant, never later
// than now.
func (l *historyLoader) at(logged time.Time, offset time.Duration) time.Time {
	t := logged.Add(offset)
	if t.After(l.now) {
		t = l.now
	}
	return t.Truncate(time.Microsecond)
}

// step records one replayed lifecycle step as the live store records it
// (see DB.record): the events of the transition the model decided, and a
// note of its audit entry. The issue row is written once, after the last
// step.
func (l *historyLoader) step(ctx context.Context, issue *models.Issue, actor *models.User, at time.Time, t models.Transition, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", t.Event, err)
	}
	for _, typ := range append(t.Implied, t.Event) {
		reason := ""
		if typ == t.Event {
			reason = t.Reason
		}
		e := &models.IssueEvent{IssueID: issue.ID, Type: typ, AgencyID: t.EventAgencyID, Reason: reason, CreatedAt: at, ActorID: actorID(actor)}
		if _, err := l.tx.NewInsert().Model(e).Exec(ctx); err != nil {
			return err
		}
	}
	l.audit(at, actor, t.AuditAction(), "issue:"+issue.Number, t.AuditChanges())
	return nil
}

// answerer is the agency's PIC, or TRC publishing on its behalf.
func (l *historyLoader) answerer(slug string) *models.User {
	if pic := l.pics[slug]; pic != nil {
		return pic
	}
	return l.trc
}

func (l *historyLoader) issue(ctx context.Context, d *models.IssueRecord) error {
	logged := l.now.Add(-time.Duration(d.LoggedDaysAgo * float64(24*time.Hour))).Truncate(time.Microsecond)
	_, err := l.issueAt(ctx, d, logged, nil)
	return err
}

// issueAt writes one issue logged at the given time, replaying its history
// from the offsets of d, and returns it.
func (l *historyLoader) issueAt(ctx context.Context, d *models.IssueRecord, logged time.Time, externalRef *string) (*models.Issue, error) {
	number, err := l.db.nextIssueNumber(ctx, l.tx, logged)
	if err != nil {
		return nil, err
	}
	issue, err := models.ValidateNewIssue(models.NewIssue{Title: d.Title, Summary: d.Summary, Kind: models.IssueKind(d.Kind)})
	if err != nil {
		return nil, err
	}
	sources := make([]models.IssueSourceInput, len(d.Sources))
	for i, s := range d.Sources {
		detected := logged.Add(-s.DetectedBefore)
		sources[i] = models.IssueSourceInput{Platform: models.Platform(s.Platform), URL: s.URL, ClaimText: s.ClaimText,
			AccountHandle: s.AccountHandle, DetectedAt: &detected}
	}
	if sources, err = models.CheckSources(sources, l.now); err != nil {
		return nil, err
	}
	issue.Number, issue.ExternalRef, issue.CreatedByID, issue.CreatedAt, issue.UpdatedAt = number, externalRef, actorID(l.trc), logged, logged
	if d.CategorySlug != "" {
		id := l.categories[d.CategorySlug]
		issue.CategoryID = &id
	}
	if _, err := l.tx.NewInsert().Model(issue).Exec(ctx); err != nil {
		return nil, err
	}
	l.issues = append(l.issues, issue)
	for _, s := range sources {
		row := &models.IssueSource{IssueID: issue.ID, Platform: s.Platform, URL: s.URL, ClaimText: s.ClaimText,
			AccountHandle: s.AccountHandle, DetectedAt: *s.DetectedAt, CreatedAt: logged}
		if _, err := l.tx.NewInsert().Model(row).Exec(ctx); err != nil {
			return nil, err
		}
	}
	e := &models.IssueEvent{IssueID: issue.ID, Type: models.EventCreated, CreatedAt: logged, ActorID: actorID(l.trc)}
	if _, err := l.tx.NewInsert().Model(e).Exec(ctx); err != nil {
		return nil, err
	}
	l.audit(logged, l.trc, "issue.create", "issue:"+issue.Number,
		map[string]any{"title": issue.Title, "kind": issue.Kind, "category": d.CategorySlug, "sources": len(d.Sources)})
	if err := l.history(ctx, d, issue, logged); err != nil {
		return nil, err
	}
	if _, err := l.tx.NewUpdate().Model(issue).WherePK().Exec(ctx); err != nil {
		return nil, err
	}
	if err := l.questionsOf(ctx, d, issue, logged); err != nil {
		return nil, err
	}
	return issue, enqueueSearch(ctx, l.tx, issue.ID, l.now)
}

// history replays the issue's lifecycle through the model's steps, as
// the live API would take them: rejection or duplicate mark, a decline by
// another agency, assignment, internal mark, acknowledgement, answer,
// revisions and closing, each with its events and audit entry.
func (l *historyLoader) history(ctx context.Context, d *models.IssueRecord, issue *models.Issue, logged time.Time) error {
	switch d.Status {
	case "REJECTED":
		at := l.at(logged, 2*time.Hour)
		t, err := issue.Reject(l.trc, d.RejectReason, at)
		return l.step(ctx, issue, l.trc, at, t, err)
	case "DUPLICATE":
		at := l.at(logged, 3*time.Hour)
		original := l.issues[d.DuplicateOf]
		t, err := issue.MarkDuplicate(l.trc, original, original.Number, at)
		return l.step(ctx, issue, l.trc, at, t, err)
	case "NEW":
		return nil
	}
	priority := models.Priority(d.Priority)
	if d.DeclinedBy != "" {
		first := l.agencies[d.DeclinedBy]
		assigned, declined := l.at(logged, d.AssignAfter/3), l.at(logged, d.AssignAfter*2/3)
		t, err := issue.Assign(l.trc, models.Assignment{AgencySlug: first.Slug, Priority: priority}, first, l.schedule, assigned)
		if err := l.step(ctx, issue, l.trc, assigned, t, err); err != nil {
			return err
		}
		decliner := l.answerer(d.DeclinedBy)
		t, err = issue.Decline(decliner, d.DeclineReason, declined)
		if err := l.step(ctx, issue, decliner, declined, t, err); err != nil {
			return err
		}
	}
	agency := l.agencies[d.AgencySlug]
	assigned := l.at(logged, d.AssignAfter)
	t, err := issue.Assign(l.trc, models.Assignment{AgencySlug: agency.Slug, Priority: priority}, agency, l.schedule, assigned)
	if err := l.step(ctx, issue, l.trc, assigned, t, err); err != nil {
		return err
	}
	if d.Internal {
		at := l.at(logged, d.AssignAfter+30*time.Minute)
		t, err := issue.SetInternal(l.trc, true, d.InternalReason, at)
		if err := l.step(ctx, issue, l.trc, at, t, err); err != nil {
			return err
		}
	}
	pic := l.answerer(d.AgencySlug)
	answering := d.AnswerAfter > 0 && d.Response != nil
	if d.AcknowledgeAfter > 0 || answering {
		// An answer without an acknowledgement is acknowledged at the
		// answer, with an audit entry of its own.
		at := l.at(logged, d.AnswerAfter)
		if d.AcknowledgeAfter > 0 {
			at = l.at(logged, d.AcknowledgeAfter)
		}
		t, err := issue.Acknowledge(pic, at)
		if err := l.step(ctx, issue, pic, at, t, err); err != nil {
			return err
		}
	}
	if !answering {
		return nil
	}
	if err := l.response(ctx, d, issue, agency, pic, l.at(logged, d.AnswerAfter)); err != nil {
		return err
	}
	if d.CloseAfter > 0 {
		at := l.at(logged, d.CloseAfter)
		t, err := issue.Close(l.trc, at)
		if err := l.step(ctx, issue, l.trc, at, t, err); err != nil {
			return err
		}
	}
	return nil
}

func optionalVerdict(v string) *models.Verdict {
	if v == "" {
		return nil
	}
	verdict := models.Verdict(v)
	return &verdict
}

// response publishes the agency's answer at answered and replays its
// revisions, through the same checks as the live API.
func (l *historyLoader) response(ctx context.Context, d *models.IssueRecord, issue *models.Issue, agency *models.Agency, pic *models.User, answered time.Time) error {
	verdict := optionalVerdict(d.Response.Verdict)
	body, err := models.CheckResponseText(issue.Kind, d.Response.Body, verdict, true)
	if err != nil {
		return err
	}
	response := &models.Response{
		IssueID: issue.ID, AgencyID: agency.ID, Status: models.ResponsePublished, Body: body, BodyHTML: l.db.renderHTML(body), Verdict: verdict,
		AuthorID: actorID(pic), Revision: 1, CreatedAt: answered, UpdatedAt: answered, PublishedAt: &answered,
	}
	if _, err := l.tx.NewInsert().Model(response).Exec(ctx); err != nil {
		return err
	}
	first := &models.ResponseRevision{ResponseID: response.ID, Number: 1, Body: response.Body, BodyHTML: response.BodyHTML, Verdict: verdict, AuthorID: actorID(pic), CreatedAt: answered}
	if _, err := l.tx.NewInsert().Model(first).Exec(ctx); err != nil {
		return err
	}
	t, err := issue.PublishAnswer(pic, response, answered)
	if err := l.step(ctx, issue, pic, answered, t, err); err != nil {
		return err
	}
	for _, r := range d.Response.Revisions {
		at := l.at(answered, r.After)
		t, err := issue.Revise(pic, response, r.Body, optionalVerdict(r.Verdict), r.Reason, at)
		if err != nil {
			return fmt.Errorf("%s: %w", models.EventRevised, err)
		}
		response.BodyHTML = l.db.renderHTML(response.Body)
		rev := &models.ResponseRevision{ResponseID: response.ID, Number: response.Revision, Body: response.Body, BodyHTML: response.BodyHTML, Verdict: response.Verdict,
			Reason: t.Reason, AuthorID: actorID(pic), CreatedAt: at}
		if _, err := l.tx.NewInsert().Model(rev).Exec(ctx); err != nil {
			return err
		}
		if err := l.step(ctx, issue, pic, at, t, nil); err != nil {
			return err
		}
	}
	if _, err := l.tx.NewUpdate().Model(response).WherePK().Exec(ctx); err != nil {
		return err
	}
	l.responses++
	return nil
}

func (l *historyLoader) questionsOf(ctx context.Context, d *models.IssueRecord, issue *models.Issue, logged time.Time) error {
	for _, q := range d.Questions {
		at := l.at(logged, q.After)
		sum := sha256.Sum256([]byte(strings.ToLower(strings.Join(strings.Fields(q.Body), " "))))
		row := &models.Question{
			TrackingCode: models.NewTrackingCode(), Body: q.Body, BodyHash: hex.EncodeToString(sum[:]), SubmitterHash: "demo",
			Name: q.Name, Contact: q.Contact, Status: models.QuestionLinked, IssueID: &issue.ID, CreatedAt: at, UpdatedAt: at, LinkedAt: &at,
		}
		if issue.AgencyID != nil {
			row.AgencyID = issue.AgencyID
		}
		if _, err := l.tx.NewInsert().Model(row).Exec(ctx); err != nil {
			return err
		}
		e := &models.IssueEvent{IssueID: issue.ID, Type: models.EventQuestionLinked, AgencyID: issue.AgencyID, CreatedAt: at, ActorID: actorID(l.trc)}
		if _, err := l.tx.NewInsert().Model(e).Exec(ctx); err != nil {
			return err
		}
		// The audit entry of a question records that it arrived, never who asked.
		l.audit(at, nil, "question.submit", questionSubject(row), map[string]any{"length": len([]rune(q.Body)), "agencyGuess": "",
			"categoryGuess": "", "withContact": q.Contact != ""})
		l.audit(at, l.trc, "question.link", questionSubject(row), map[string]any{"issue": issue.Number})
		l.questions++
	}
	return nil
}

// DemoStaff lists the demo staff accounts.
func DemoStaff() []demodata.Staff { return demodata.StaffAccounts() }
