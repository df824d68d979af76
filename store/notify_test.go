package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/live"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// nextEvent waits for the next event; the test's deadline bounds the wait.
func nextEvent(t *testing.T, events <-chan live.Event) live.Event {
	t.Helper()
	e, ok := <-events
	if !ok {
		t.Fatal("the subscription ended")
	}
	return e
}

// TestLiveEvents checks what the store publishes after a commit: nothing
// for the demo history, nothing for a change that rolled back, and one
// event of the right kind for each committed change of an issue, in
// commit order.
func TestLiveEvents(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		broker := live.NewBroker()
		defer broker.Close()
		if err := db.StartLive(ctx, broker); err != nil {
			t.Fatal(err)
		}
		events := broker.Subscribe(ctx)

		storetest.MustLoadDemo(t, db, time.Now())
		storetest.MustAgency(t, db, "dinas-uji", "Dinas Uji")
		trc := storetest.MustUser(t, db, "trc.live@kotabaru.test", models.RoleTRC, "")
		pic := storetest.MustUser(t, db, "pic.live@kotabaru.test", models.RolePIC, "dinas-uji")
		issue, err := db.CreateIssue(storetest.As(trc), models.NewIssue{
			Title: "Isu uji pembaruan langsung", Summary: "Ringkasan isu uji pembaruan langsung yang beredar.",
			Kind: models.KindComplaint,
		})
		if err != nil {
			t.Fatal(err)
		}
		// The first event is this issue's: the demo history published
		// nothing.
		if e := nextEvent(t, events); e != (live.Event{Number: issue.Number, Kind: live.KindChanged}) {
			t.Fatalf("first event = %+v, want the new issue %s changed", e, issue.Number)
		}
		// A refused change (PIC may not close) publishes nothing.
		if _, err := db.CloseIssue(storetest.As(pic), issue.Number); models.ErrorCode(err) != models.EFORBIDDEN {
			t.Fatalf("close as PIC: %v, want FORBIDDEN", err)
		}
		if _, err := db.AssignIssue(storetest.As(trc), models.Assignment{IssueNumber: issue.Number, AgencySlug: "dinas-uji", Priority: models.PriorityNormal}); err != nil {
			t.Fatal(err)
		}
		if e := nextEvent(t, events); e != (live.Event{Number: issue.Number, Kind: live.KindChanged}) {
			t.Fatalf("after assigning: %+v", e)
		}
		response, err := db.PublishResponse(storetest.As(pic), models.ResponseDraftInput{
			IssueNumber: issue.Number, Body: "Jawaban resmi atas isu uji pembaruan langsung.",
		})
		if err != nil {
			t.Fatal(err)
		}
		// Publishing acknowledges first when the issue was only assigned;
		// whatever steps it implies, the last event says it was answered.
		var e live.Event
		for e = nextEvent(t, events); e.Kind == live.KindChanged; e = nextEvent(t, events) {
		}
		if e != (live.Event{Number: issue.Number, Kind: live.KindAnswered}) {
			t.Fatalf("after publishing: %+v", e)
		}
		if _, err := db.ReviseResponse(storetest.As(pic), models.Revise{ResponseID: response.ID,
			Body: "Jawaban resmi yang diralat atas isu uji pembaruan langsung.", Reason: "Memperbaiki angka yang keliru."}); err != nil {
			t.Fatal(err)
		}
		if e := nextEvent(t, events); e != (live.Event{Number: issue.Number, Kind: live.KindRevised}) {
			t.Fatalf("after revising: %+v", e)
		}
	})
}
