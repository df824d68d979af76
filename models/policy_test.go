package models_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
)

func TestPolicyDefaults(t *testing.T) {
	policies := models.DefaultResponsePolicies()
	want := []models.ResponsePolicy{
		{Priority: models.PriorityUrgent, AcknowledgeWithin: time.Hour, AnswerWithin: 6 * time.Hour, Basis: models.TimeBasisClock},
		{Priority: models.PriorityHigh, AcknowledgeWithin: 4 * time.Hour, AnswerWithin: 8 * time.Hour, Basis: models.TimeBasisWorking},
		{Priority: models.PriorityNormal, AcknowledgeWithin: 8 * time.Hour, AnswerWithin: 24 * time.Hour, Basis: models.TimeBasisWorking},
		{Priority: models.PriorityLow, AcknowledgeWithin: 24 * time.Hour, AnswerWithin: 80 * time.Hour, Basis: models.TimeBasisWorking},
	}
	if len(policies) != len(want) {
		t.Fatalf("DefaultResponsePolicies returned %d policies, want %d", len(policies), len(want))
	}
	for i, p := range policies {
		if p != want[i] {
			t.Errorf("policy %d = %+v, want %+v", i, p, want[i])
		}
		if err := p.Validate(); err != nil {
			t.Errorf("policy %s: Validate: %v", p.Priority, err)
		}
	}
	for _, pr := range models.Priorities {
		if _, ok := models.PolicyFor(policies, pr); !ok {
			t.Errorf("no default policy for %s", pr)
		}
	}
	// The defaults are a fresh slice each time, so editing one copy is safe.
	policies[0].AcknowledgeWithin = time.Minute
	if again := models.DefaultResponsePolicies(); again[0].AcknowledgeWithin != time.Hour {
		t.Error("DefaultResponsePolicies shares its slice between calls")
	}
}

func TestPolicyValidate(t *testing.T) {
	valid := models.ResponsePolicy{Priority: models.PriorityHigh, AcknowledgeWithin: 4 * time.Hour, AnswerWithin: 8 * time.Hour, Basis: models.TimeBasisWorking}
	tests := []struct {
		name   string
		change func(*models.ResponsePolicy)
		field  string
	}{
		{"OK", func(*models.ResponsePolicy) {}, ""},
		{"EqualDurations", func(p *models.ResponsePolicy) { p.AnswerWithin = p.AcknowledgeWithin }, ""},
		{"UnknownPriority", func(p *models.ResponsePolicy) { p.Priority = "CRITICAL" }, "priority"},
		{"EmptyBasis", func(p *models.ResponsePolicy) { p.Basis = "" }, "basis"},
		{"ZeroAcknowledge", func(p *models.ResponsePolicy) { p.AcknowledgeWithin = 0 }, "acknowledgeWithin"},
		{"NegativeAnswer", func(p *models.ResponsePolicy) { p.AnswerWithin = -time.Hour }, "answerWithin"},
		{"AnswerBeforeAcknowledge", func(p *models.ResponsePolicy) { p.AnswerWithin = 2 * time.Hour }, "answerWithin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := valid
			tt.change(&p)
			err := p.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tt.field+":") {
				t.Fatalf("Validate = %v, want an error about %s", err, tt.field)
			}
		})
	}
	if !models.TimeBasisClock.Valid() || !models.TimeBasisWorking.Valid() || models.TimeBasis("WALL").Valid() {
		t.Error("TimeBasis.Valid disagrees with the declared bases")
	}
}

func TestPolicyFor(t *testing.T) {
	policies := models.DefaultResponsePolicies()
	t.Run("OK", func(t *testing.T) {
		p, ok := models.PolicyFor(policies, models.PriorityNormal)
		if !ok || p.Priority != models.PriorityNormal || p.AnswerWithin != 24*time.Hour {
			t.Errorf("PolicyFor(NORMAL) = %+v, %v", p, ok)
		}
	})
	t.Run("NotFound", func(t *testing.T) {
		if p, ok := models.PolicyFor(policies[:2], models.PriorityLow); ok || p != (models.ResponsePolicy{}) {
			t.Errorf("PolicyFor(LOW) without a LOW policy = %+v, %v", p, ok)
		}
	})
}

func TestPolicyDueTimes(t *testing.T) {
	cal, loc := witaCalendar(t)
	policies := models.DefaultResponsePolicies()
	tests := []struct {
		name              string
		priority          models.Priority
		assignedAt        string
		wantAck, wantAnsw string
	}{
		// Clock hours run through nights, weekends and holidays.
		{"UrgentSaturdayNight", models.PriorityUrgent, "2026-11-14 22:00", "2026-11-14 23:00", "2026-11-15 04:00"},
		{"UrgentOnNatal", models.PriorityUrgent, "2026-12-25 10:00", "2026-12-25 11:00", "2026-12-25 16:00"},
		{"HighFridayAfternoon", models.PriorityHigh, "2026-11-13 15:00", "2026-11-16 11:00", "2026-11-16 15:00"},
		{"HighAtNight", models.PriorityHigh, "2026-11-17 20:00", "2026-11-18 12:00", "2026-11-18 16:00"},
		{"NormalBeforeChristmas", models.PriorityNormal, "2026-12-23 15:00", "2026-12-28 15:00", "2026-12-30 15:00"},
		{"LowTenWorkingDays", models.PriorityLow, "2026-11-16 09:00", "2026-11-19 09:00", "2026-11-30 09:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := models.PolicyFor(policies, tt.priority)
			if !ok {
				t.Fatalf("no policy for %s", tt.priority)
			}
			assignedAt := MustCalendarTime(t, loc, tt.assignedAt)
			ack, answer := p.DueTimes(cal, assignedAt)
			if want := MustCalendarTime(t, loc, tt.wantAck); !ack.Equal(want) {
				t.Errorf("acknowledge by %v, want %v", ack, want)
			}
			if want := MustCalendarTime(t, loc, tt.wantAnsw); !answer.Equal(want) {
				t.Errorf("answer by %v, want %v", answer, want)
			}
			if got := p.Elapsed(cal, assignedAt, answer); got != p.AnswerWithin {
				t.Errorf("Elapsed(assignedAt, answerBy) = %v, want %v", got, p.AnswerWithin)
			}
		})
	}
}

func TestPolicyElapsed(t *testing.T) {
	cal, loc := witaCalendar(t)
	from := MustCalendarTime(t, loc, "2026-11-13 15:00")
	to := MustCalendarTime(t, loc, "2026-11-16 11:00")
	clock := models.ResponsePolicy{Priority: models.PriorityUrgent, AcknowledgeWithin: time.Hour, AnswerWithin: time.Hour, Basis: models.TimeBasisClock}
	working := models.ResponsePolicy{Priority: models.PriorityHigh, AcknowledgeWithin: time.Hour, AnswerWithin: time.Hour, Basis: models.TimeBasisWorking}
	tests := []struct {
		name     string
		policy   models.ResponsePolicy
		from, to time.Time
		want     time.Duration
	}{
		{"Clock", clock, from, to, 68 * time.Hour},
		{"Working", working, from, to, 4 * time.Hour},
		{"ClockReversed", clock, to, from, 0},
		{"WorkingReversed", working, to, from, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.policy.Elapsed(cal, tt.from, tt.to); got != tt.want {
				t.Errorf("Elapsed = %v, want %v", got, tt.want)
			}
		})
	}
}
