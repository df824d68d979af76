package models_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
)

// TestLifecycleSteps takes every step from every status and checks which
// the model allows, the status it leads to, and the event and audit
// changes it reports.
func TestLifecycleSteps(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	agencyID, otherID := int64(7), int64(8)
	trc := &models.User{ID: 1, Role: models.RoleTRC}
	pic := &models.User{ID: 2, Role: models.RolePIC, AgencyID: &agencyID}
	otherPIC := &models.User{ID: 3, Role: models.RolePIC, AgencyID: &otherID}
	agency := &models.Agency{ID: agencyID, Slug: "dinkes", ShortName: "Dinkes"}
	schedule := models.Schedule{Policies: models.DefaultResponsePolicies(), Calendar: models.DefaultWorkingCalendar(time.UTC, nil)}
	reason := "Alasan yang cukup panjang untuk langkah ini."
	original := &models.Issue{ID: 99, Number: "KTB-2026-000099", Status: models.StatusAnswered}

	issueIn := func(status models.IssueStatus) *models.Issue {
		i := &models.Issue{ID: 1, Number: "KTB-2026-000001", Kind: models.KindComplaint, Status: status}
		if status != models.StatusNew && status != models.StatusRejected {
			assigned, priority := now.Add(-time.Hour), models.PriorityNormal
			i.AgencyID, i.AssignedAt, i.Priority = &agencyID, &assigned, &priority
		}
		return i
	}
	steps := []struct {
		name  string
		event models.EventType
		to    models.IssueStatus
		from  []models.IssueStatus
		take  func(i *models.Issue) (models.Transition, error)
	}{
		{"Assign", models.EventAssigned, models.StatusAssigned, []models.IssueStatus{models.StatusNew}, func(i *models.Issue) (models.Transition, error) {
			return i.Assign(trc, models.Assignment{AgencySlug: "dinkes", Priority: models.PriorityNormal}, agency, schedule, now)
		}},
		{"Acknowledge", models.EventAcknowledged, models.StatusInProgress, []models.IssueStatus{models.StatusAssigned}, func(i *models.Issue) (models.Transition, error) {
			return i.Acknowledge(pic, now)
		}},
		{"Decline", models.EventDeclined, models.StatusNew, []models.IssueStatus{models.StatusAssigned, models.StatusInProgress}, func(i *models.Issue) (models.Transition, error) {
			return i.Decline(pic, reason, now)
		}},
		{"Close", models.EventClosed, models.StatusClosed, []models.IssueStatus{models.StatusAnswered}, func(i *models.Issue) (models.Transition, error) {
			return i.Close(trc, now)
		}},
		{"Reopen", models.EventReopened, models.StatusAnswered, []models.IssueStatus{models.StatusClosed}, func(i *models.Issue) (models.Transition, error) {
			return i.Reopen(trc, reason, now)
		}},
		{"Reject", models.EventRejected, models.StatusRejected, []models.IssueStatus{models.StatusNew}, func(i *models.Issue) (models.Transition, error) {
			return i.Reject(trc, reason, now)
		}},
		{"MarkDuplicate", models.EventDuplicate, models.StatusDuplicate, []models.IssueStatus{models.StatusNew, models.StatusAssigned, models.StatusInProgress}, func(i *models.Issue) (models.Transition, error) {
			return i.MarkDuplicate(trc, original, original.Number, now)
		}},
		{"PublishAnswer", models.EventAnswered, models.StatusAnswered, []models.IssueStatus{models.StatusAssigned, models.StatusInProgress}, func(i *models.Issue) (models.Transition, error) {
			return i.PublishAnswer(pic, &models.Response{ID: 5, AgencyID: agencyID, Body: "Jawaban resmi yang cukup panjang."}, now)
		}},
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			for _, from := range models.IssueStatuses {
				i := issueIn(from)
				tr, err := step.take(i)
				allowed := false
				for _, f := range step.from {
					allowed = allowed || f == from
				}
				if !allowed {
					// A PIC's step on an issue assigned to no agency is
					// not theirs to take at all.
					code := models.ErrorCode(err)
					if i.AgencyID == nil && code == models.EFORBIDDEN {
						code = models.ECONFLICT
					}
					if code != models.ECONFLICT {
						t.Errorf("from %s: want ECONFLICT, got %v", from, err)
					}
					if i.Status != from {
						t.Errorf("from %s: a refused step changed the status to %s", from, i.Status)
					}
					continue
				}
				if err != nil {
					t.Errorf("from %s: %v", from, err)
					continue
				}
				if tr.Event != step.event || tr.From != from || tr.To != step.to || i.Status != step.to {
					t.Errorf("from %s: %+v, issue now %s", from, tr, i.Status)
				}
				if got := tr.AuditChanges()["status"]; got != step.to {
					t.Errorf("from %s: audit status %v", from, got)
				}
			}
		})
	}

	t.Run("DeclineBelongsToTheDecliningAgency", func(t *testing.T) {
		i := issueIn(models.StatusInProgress)
		tr, err := i.Decline(pic, reason, now)
		if err != nil || tr.EventAgencyID == nil || *tr.EventAgencyID != agencyID || i.AgencyID != nil || tr.PublicReason {
			t.Errorf("decline: %+v, %v; issue agency %v", tr, err, i.AgencyID)
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		if _, err := issueIn(models.StatusAssigned).Acknowledge(otherPIC, now); models.ErrorCode(err) != models.EFORBIDDEN {
			t.Errorf("another agency's PIC acknowledging: %v", err)
		}
		if _, err := issueIn(models.StatusAssigned).Decline(trc, reason, now); models.ErrorCode(err) != models.EFORBIDDEN {
			t.Errorf("TRC declining: %v", err)
		}
		if _, err := issueIn(models.StatusAnswered).Close(pic, now); models.ErrorCode(err) != models.EFORBIDDEN {
			t.Errorf("a PIC closing: %v", err)
		}
	})
	t.Run("ErrInvalidReason", func(t *testing.T) {
		i := issueIn(models.StatusNew)
		if _, err := i.Reject(trc, "singkat", now); models.ErrorCode(err) != models.EINVALID || models.ErrorField(err) != "reason" {
			t.Errorf("a short reason: %v", err)
		}
		if i.Status != models.StatusNew {
			t.Errorf("a refused rejection changed the status to %s", i.Status)
		}
	})
	t.Run("AnswerWithoutAcknowledgementImpliesIt", func(t *testing.T) {
		i := issueIn(models.StatusAssigned)
		tr, err := i.PublishAnswer(trc, &models.Response{ID: 5, AgencyID: agencyID}, now)
		if err != nil || len(tr.Implied) != 1 || tr.Implied[0] != models.EventAcknowledged || i.AcknowledgedAt == nil {
			t.Errorf("publish on an unacknowledged issue: %+v, %v", tr, err)
		}
	})
	t.Run("ReassignSameAgencyKeepsTheClock", func(t *testing.T) {
		i := issueIn(models.StatusInProgress)
		acknowledged := now.Add(-30 * time.Minute)
		i.AcknowledgedAt = &acknowledged
		assignedAt := *i.AssignedAt
		tr, err := i.Assign(trc, models.Assignment{AgencySlug: "dinkes", Priority: models.PriorityUrgent}, agency, schedule, now)
		if err != nil || tr.Event != models.EventReassigned || !i.AssignedAt.Equal(assignedAt) || i.AcknowledgedAt == nil || i.Status != models.StatusInProgress {
			t.Errorf("a new priority alone: %+v, %v, issue %+v", tr, err, i)
		}
		if !i.AnswerDueAt.Equal(assignedAt.Add(6 * time.Hour)) {
			t.Errorf("URGENT answer due %v, want 6 clock hours after %v", i.AnswerDueAt, assignedAt)
		}
	})
}

// TestPublicRule checks the one definition of a public issue.
func TestPublicRule(t *testing.T) {
	for _, s := range models.IssueStatuses {
		for _, internal := range []bool{false, true} {
			i := &models.Issue{Status: s, Internal: internal}
			want := s != models.StatusNew && s != models.StatusRejected && !internal
			if i.IsPublic() != want {
				t.Errorf("%s internal %v: IsPublic %v", s, internal, i.IsPublic())
			}
		}
	}
	if len(models.PublicStatuses)+len(models.HiddenStatuses) != len(models.IssueStatuses) {
		t.Errorf("public %v and hidden %v statuses do not cover %v", models.PublicStatuses, models.HiddenStatuses, models.IssueStatuses)
	}
	cond, _, internal := models.PublicIssueCondition("i")
	if cond != "(i.status NOT IN (?) AND i.internal = ?)" || internal != false {
		t.Errorf("condition %q with %v", cond, internal)
	}
}

// TestDuplicateReasonHidesHiddenOriginal: the reason of a duplicate mark is
// on the public timeline, so it names the original only when the public may
// see that issue.
func TestDuplicateReasonHidesHiddenOriginal(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	trc := &models.User{ID: 1, Role: models.RoleTRC}
	for _, c := range []struct {
		name     string
		original models.Issue
		named    bool
	}{
		{"public", models.Issue{ID: 1, Number: "KTB-2026-000001", Status: models.StatusAnswered}, true},
		{"internal", models.Issue{ID: 1, Number: "KTB-2026-000001", Status: models.StatusAnswered, Internal: true}, false},
		{"new", models.Issue{ID: 1, Number: "KTB-2026-000001", Status: models.StatusNew}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dup := &models.Issue{ID: 2, Number: "KTB-2026-000002", Status: models.StatusNew}
			tr, err := dup.MarkDuplicate(trc, &c.original, c.original.Number, now)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(tr.Reason, c.original.Number); got != c.named {
				t.Fatalf("reason %q names the original: %v, want %v", tr.Reason, got, c.named)
			}
			if tr.Reason == "" || !tr.PublicReason {
				t.Fatalf("the reason %q must stay public", tr.Reason)
			}
		})
	}
}
