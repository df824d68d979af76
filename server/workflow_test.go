package server_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// The mutations of the workflow, each with the fields the tests read back.
const (
	createIssueMutation    = `mutation($in: CreateIssueInput!) { createIssue(input: $in) { issue { number status sources { platform accountHandle } } } }`
	assignIssueMutation    = `mutation($in: AssignIssueInput!) { assignIssue(input: $in) { issue { status priority agency { slug } assignedAt acknowledgeDueAt answerDueAt } } }`
	acknowledgeMutation    = `mutation($in: AcknowledgeIssueInput!) { acknowledgeIssue(input: $in) { issue { status acknowledgedAt } } }`
	declineMutation        = `mutation($in: DeclineIssueInput!) { declineIssue(input: $in) { issue { status agency { slug } } } }`
	publishMutation        = `mutation($in: PublishResponseInput!) { publishResponse(input: $in) { response { id status body bodyHTML verdict revision } } }`
	reviseMutation         = `mutation($in: ReviseResponseInput!) { reviseResponse(input: $in) { response { id revision body } } }`
	closeMutation          = `mutation($in: CloseIssueInput!) { closeIssue(input: $in) { issue { status closedAt } } }`
	reopenMutation         = `mutation($in: ReopenIssueInput!) { reopenIssue(input: $in) { issue { status closedAt } } }`
	rejectMutation         = `mutation($in: RejectIssueInput!) { rejectIssue(input: $in) { issue { status } } }`
	duplicateMutation      = `mutation($in: MarkDuplicateInput!) { markDuplicate(input: $in) { issue { status duplicateOf { number } } } }`
	internalMutation       = `mutation($in: SetIssueInternalInput!) { setIssueInternal(input: $in) { issue { internal } } }`
	saveDraftMutation      = `mutation($in: SaveResponseDraftInput!) { saveResponseDraft(input: $in) { response { id status revision body } } }`
	publishDraftMutation   = `mutation($in: PublishResponseDraftInput!) { publishResponseDraft(input: $in) { response { status revision verdict } } }`
	issueViewQuery         = `query($n: String!) { issue(number: $n) { ...view } }` + issueViewFragment
	publicIssueNumberQuery = `{ issues(first: 100) { totalCount edges { node { number status internal } } } }`
	issueViewFragment      = `
fragment view on Issue {
  number status kind verdict verdictLabel priority internal internalReason rejectReason
  agency { slug } duplicateOf { number }
  assignedAt acknowledgedAt answeredAt closedAt acknowledgeDueAt answerDueAt
  sources { platform url claimText accountHandle detectedAt }
  responses { id status body bodyHTML verdict revision publishedAt
    revisions { number body bodyHTML verdict reason createdAt } }
  timeline { type at reason agency { slug } actor { email } }
}`
)

// workflow is one database with its staff signed in through the API.
type workflow struct {
	t   *testing.T
	api *testAPI
	db  *store.DB
	*staff
}

func newWorkflow(t *testing.T, db *store.DB) *workflow {
	api := newTestAPI(t, db)
	storetest.MustAgency(t, db, agencyA, "Dinas Kesehatan")
	storetest.MustAgency(t, db, agencyB, "Dinas Sosial")
	s := &staff{
		trc:     storetest.MustUser(t, db, "trc@kotabaru.test", models.RoleTRC, ""),
		picA:    storetest.MustUser(t, db, "pic.dinkes@kotabaru.test", models.RolePIC, agencyA),
		picB:    storetest.MustUser(t, db, "pic.dinsos@kotabaru.test", models.RolePIC, agencyB),
		auditor: storetest.MustUser(t, db, "ombudsman@kotabaru.test", models.RoleAuditor, ""),
		token:   map[int64]string{},
	}
	w := &workflow{t: t, api: api, db: db, staff: s}
	for _, u := range []*models.User{s.trc, s.picA, s.picB, s.auditor} {
		// Every login appends one audit entry, like any mutation.
		r := mutate(t, api, "", loginMutation, loginVars(u.Email, storetest.Password), "")
		var out struct{ Login struct{ Token string } }
		r.decode(t, &out)
		if out.Login.Token == "" {
			t.Fatalf("login of %s returned no token", u.Email)
		}
		s.token[u.ID] = out.Login.Token
	}
	return w
}

// do runs a mutation as u (nil for anonymous) through mutate and decodes
// its data into out when it succeeds.
func (w *workflow) do(u *models.User, query string, in map[string]any, wantCode string, out any) {
	w.t.Helper()
	r := mutate(w.t, w.api, w.tokenOf(u), query, map[string]any{"in": in}, wantCode)
	if wantCode == "" && out != nil {
		r.decode(w.t, out)
	}
}

// view reads an issue as u; nil when the issue is not visible to u.
func (w *workflow) view(u *models.User, number string) (*issueView, string) {
	w.t.Helper()
	r := w.api.post(w.tokenOf(u), issueViewQuery, map[string]any{"n": number})
	var out struct{ Issue *issueView }
	r.decode(w.t, &out)
	return out.Issue, string(r.Raw)
}

// create logs an issue as TRC and returns its number.
func (w *workflow) create(kind models.IssueKind, title string, sources ...map[string]any) string {
	w.t.Helper()
	if sources == nil {
		sources = []map[string]any{}
	}
	var out struct {
		CreateIssue struct {
			Issue struct{ Number, Status string }
		}
	}
	w.do(w.trc, createIssueMutation, map[string]any{
		"title": title, "summary": "Ringkasan: " + title + " beredar di media sosial.", "kind": string(kind), "sources": sources,
	}, "", &out)
	if out.CreateIssue.Issue.Status != "NEW" {
		w.t.Fatalf("created issue has status %s", out.CreateIssue.Issue.Status)
	}
	return out.CreateIssue.Issue.Number
}

func (w *workflow) assign(number, agency, priority string) {
	w.t.Helper()
	w.do(w.trc, assignIssueMutation, map[string]any{"issueNumber": number, "agencySlug": agency, "priority": priority}, "", nil)
}

// publicNumbers lists the numbers of the issues an anonymous caller can list.
func (w *workflow) publicNumbers() []string {
	w.t.Helper()
	var out struct {
		Issues struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Number, Status string
					Internal       bool
				}
			}
		}
	}
	w.api.post("", publicIssueNumberQuery, nil).decode(w.t, &out)
	var numbers []string
	for _, e := range out.Issues.Edges {
		if e.Node.Status == "NEW" || e.Node.Status == "REJECTED" || e.Node.Internal {
			w.t.Errorf("the public list shows %s (%s, internal %v)", e.Node.Number, e.Node.Status, e.Node.Internal)
		}
		numbers = append(numbers, e.Node.Number)
	}
	if out.Issues.TotalCount != len(numbers) {
		w.t.Errorf("public totalCount %d, but %d issues listed", out.Issues.TotalCount, len(numbers))
	}
	return numbers
}

var (
	issueNumberPattern = regexp.MustCompile(`^KTB-\d{4}-\d{6}$`)
	rfc3339Pattern     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`)
)

// parseTime checks that s is an RFC 3339 time and returns it.
func parseTime(t *testing.T, what, s string) time.Time {
	t.Helper()
	if !rfc3339Pattern.MatchString(s) {
		t.Fatalf("%s %q is not an RFC 3339 time", what, s)
	}
	at, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("%s %q: %v", what, s, err)
	}
	return at
}

// checkTimeline asserts the event types in order, with RFC 3339 times that
// never go backwards, and returns the events.
func checkTimeline(t *testing.T, events []timelineView, want ...string) []timelineView {
	t.Helper()
	var types []string
	var last time.Time
	for i, e := range events {
		types = append(types, e.Type)
		at := parseTime(t, "timeline["+fmt.Sprint(i)+"].at", e.At)
		if at.Before(last) {
			t.Errorf("timeline event %d (%s) at %s is before the one before it", i, e.Type, e.At)
		}
		last = at
	}
	if !slices.Equal(types, want) {
		t.Fatalf("timeline %v, want %v", types, want)
	}
	return events
}

func ptr(s *string) string {
	if s == nil {
		return "<null>"
	}
	return *s
}

// TestIssueWorkflow follows issues through their whole lifecycle over the
// API, as TRC, the PICs, an auditor and the public see them. Every
// successful mutation appends exactly one audit entry; every refused one
// writes nothing.
func TestIssueWorkflow(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorkflow(t, db)
		const (
			handleFB = "@penyebar.kabar.kotabaru"
			handleWA = "grup-wa-rt07-sebelimbingan"
			claim    = "Listrik padam total se-Kotabaru selama tiga hari mulai 1 Desember."
			answer1  = "**Hoaks.** Tidak ada pemadaman total. Jadwal resmi ada di [situs PLN](https://web.pln.co.id/jadwal)."
			answer2  = "**Hoaks.** Tidak ada pemadaman total. Pemeliharaan jaringan hanya di Kecamatan Pulau Laut Utara, 2 jam."
			ralat    = "Menambahkan lokasi dan durasi pemeliharaan jaringan."
			reopen   = "Warga melaporkan pemadaman di kecamatan lain."
			decline  = "Urusan listrik bukan kewenangan Dinas Kesehatan."
			reject   = "Percakapan pribadi, bukan isu publik."
			hidden   = "Menyangkut penyelidikan kepolisian."
		)

		// TRC logs the claim with two sources.
		detected := time.Now().Add(-3 * time.Hour).UTC().Format(time.RFC3339)
		number := w.create(models.KindMisinformation, "Pemadaman listrik total tiga hari",
			map[string]any{"platform": "FACEBOOK", "url": "https://facebook.com/share/p/123", "claimText": claim, "accountHandle": handleFB, "detectedAt": detected},
			map[string]any{"platform": "WHATSAPP", "claimText": claim, "accountHandle": handleWA},
		)
		if !issueNumberPattern.MatchString(number) {
			t.Fatalf("issue number %q does not look like KTB-YYYY-NNNNNN", number)
		}
		staffView, _ := w.view(w.trc, number)
		if staffView == nil || len(staffView.Sources) != 2 || ptr(staffView.Sources[0].AccountHandle) != handleFB || ptr(staffView.Sources[1].AccountHandle) != handleWA {
			t.Fatalf("TRC does not see both sources with their handles: %+v", staffView)
		}
		if got := parseTime(t, "detectedAt", staffView.Sources[0].DetectedAt); !got.Equal(parseTime(t, "detected", detected)) {
			t.Errorf("detectedAt %s, want %s", got, detected)
		}
		if v, _ := w.view(nil, number); v != nil {
			t.Fatalf("the public sees a NEW issue: %+v", v)
		}

		// TRC assigns it; assigning it again the same way changes nothing.
		var assigned struct {
			AssignIssue struct {
				Issue struct {
					Status, Priority                          string
					Agency                                    struct{ Slug string }
					AssignedAt, AcknowledgeDueAt, AnswerDueAt string
				}
			}
		}
		w.do(w.trc, assignIssueMutation, map[string]any{"issueNumber": number, "agencySlug": agencyA, "priority": "HIGH"}, "", &assigned)
		a := assigned.AssignIssue.Issue
		if a.Status != "ASSIGNED" || a.Priority != "HIGH" || a.Agency.Slug != agencyA {
			t.Fatalf("assigned issue: %+v", a)
		}
		assignedAt := parseTime(t, "assignedAt", a.AssignedAt)
		ackDue, answerDue := parseTime(t, "acknowledgeDueAt", a.AcknowledgeDueAt), parseTime(t, "answerDueAt", a.AnswerDueAt)
		if !assignedAt.Before(ackDue) || ackDue.After(answerDue) {
			t.Errorf("due times out of order: assigned %s, acknowledge by %s, answer by %s", assignedAt, ackDue, answerDue)
		}
		w.do(w.trc, assignIssueMutation, map[string]any{"issueNumber": number, "agencySlug": agencyA, "priority": "HIGH"}, models.ECONFLICT, nil)

		// The agency's PIC acknowledges, once.
		ack := map[string]any{"issueNumber": number}
		w.do(w.picA, acknowledgeMutation, ack, "", nil)
		w.do(w.picA, acknowledgeMutation, ack, models.ECONFLICT, nil)

		// ... and publishes the answer with its verdict.
		var published struct {
			PublishResponse struct{ Response responseView }
		}
		w.do(w.picA, publishMutation, map[string]any{"issueNumber": number, "body": answer1, "verdict": "FALSE"}, "", &published)
		resp := published.PublishResponse.Response
		if resp.Status != "PUBLISHED" || resp.Revision != 1 || ptr(resp.Verdict) != "FALSE" || resp.Body != answer1 {
			t.Fatalf("published response: %+v", resp)
		}

		// The public sees the issue, the answer and the public timeline, but
		// no account handle and no staff name.
		pub, raw := w.view(nil, number)
		if pub == nil {
			t.Fatal("the public does not see the answered issue")
		}
		if pub.Status != "ANSWERED" || ptr(pub.Verdict) != "FALSE" || ptr(pub.VerdictLabel) != "Hoaks" || pub.Internal {
			t.Errorf("public issue: status %s, verdict %s (%s), internal %v", pub.Status, ptr(pub.Verdict), ptr(pub.VerdictLabel), pub.Internal)
		}
		if len(pub.Responses) != 1 || pub.Responses[0].Body != answer1 ||
			!strings.Contains(pub.Responses[0].BodyHTML, "<strong>Hoaks.</strong>") ||
			!strings.Contains(pub.Responses[0].BodyHTML, `href="https://web.pln.co.id/jadwal"`) {
			t.Fatalf("public responses: %+v", pub.Responses)
		}
		if pub.Responses[0].PublishedAt == nil {
			t.Error("the public response has no publishedAt")
		} else {
			parseTime(t, "publishedAt", *pub.Responses[0].PublishedAt)
		}
		for _, e := range checkTimeline(t, pub.Timeline, "CREATED", "ASSIGNED", "ACKNOWLEDGED", "ANSWERED") {
			if e.Actor != nil {
				t.Errorf("the public timeline names the staff member of %s: %s", e.Type, e.Actor.Email)
			}
		}
		if pub.Timeline[1].Agency == nil || pub.Timeline[1].Agency.Slug != agencyA {
			t.Errorf("the public timeline does not say which agency the issue went to")
		}
		if len(pub.Sources) != 2 {
			t.Fatalf("the public sees %d sources, want 2", len(pub.Sources))
		}
		for _, src := range pub.Sources {
			if src.AccountHandle != nil || src.ClaimText != claim {
				t.Errorf("public source: %+v", src)
			}
		}
		for _, secret := range []string{handleFB, handleWA, "@kotabaru.test"} {
			if strings.Contains(raw, secret) {
				t.Errorf("the public view contains %q", secret)
			}
		}
		if !slices.Contains(w.publicNumbers(), number) {
			t.Errorf("the public list lacks the answered issue %s", number)
		}

		// The PIC corrects the answer; both versions stay public.
		var revised struct {
			ReviseResponse struct{ Response responseView }
		}
		w.do(w.picA, reviseMutation, map[string]any{"responseId": resp.ID, "body": answer2, "verdict": "FALSE", "reason": ralat}, "", &revised)
		if revised.ReviseResponse.Response.Revision != 2 || revised.ReviseResponse.Response.Body != answer2 {
			t.Fatalf("revised response: %+v", revised.ReviseResponse.Response)
		}
		pub, _ = w.view(nil, number)
		r := pub.Responses[0]
		if r.Revision != 2 || r.Body != answer2 || len(r.Revisions) != 2 {
			t.Fatalf("public response after the correction: %+v", r)
		}
		if r.Revisions[0].Number != 1 || r.Revisions[0].Body != answer1 || r.Revisions[0].Reason != nil ||
			!strings.Contains(r.Revisions[0].BodyHTML, "<strong>Hoaks.</strong>") {
			t.Errorf("first revision: %+v", r.Revisions[0])
		}
		if r.Revisions[1].Number != 2 || r.Revisions[1].Body != answer2 || ptr(r.Revisions[1].Reason) != ralat {
			t.Errorf("second revision: %+v", r.Revisions[1])
		}
		parseTime(t, "revision createdAt", r.Revisions[1].CreatedAt)
		events := checkTimeline(t, pub.Timeline, "CREATED", "ASSIGNED", "ACKNOWLEDGED", "ANSWERED", "REVISED")
		if ptr(events[4].Reason) != ralat {
			t.Errorf("public reason of the correction %q, want %q", ptr(events[4].Reason), ralat)
		}

		// TRC closes; a closed issue takes no new answer and no correction.
		closeIn := map[string]any{"issueNumber": number}
		w.do(w.trc, closeMutation, closeIn, "", nil)
		w.do(w.trc, closeMutation, closeIn, models.ECONFLICT, nil)
		w.do(w.picA, publishMutation, map[string]any{"issueNumber": number, "body": answer2 + " Tambahan.", "verdict": "FALSE"}, models.ECONFLICT, nil)
		w.do(w.picA, reviseMutation, map[string]any{"responseId": resp.ID, "body": answer2 + " Tambahan.", "verdict": "FALSE", "reason": ralat}, models.ECONFLICT, nil)

		// TRC reopens with a public reason and closes again.
		w.do(w.trc, reopenMutation, map[string]any{"issueNumber": number, "reason": reopen}, "", nil)
		w.do(w.trc, reopenMutation, map[string]any{"issueNumber": number, "reason": reopen}, models.ECONFLICT, nil)
		w.do(w.trc, closeMutation, closeIn, "", nil)
		pub, _ = w.view(nil, number)
		if pub.Status != "CLOSED" || pub.ClosedAt == nil {
			t.Errorf("after closing again: status %s, closedAt %s", pub.Status, ptr(pub.ClosedAt))
		}
		events = checkTimeline(t, pub.Timeline, "CREATED", "ASSIGNED", "ACKNOWLEDGED", "ANSWERED", "REVISED", "CLOSED", "REOPENED", "CLOSED")
		if ptr(events[6].Reason) != reopen {
			t.Errorf("public reason of reopening %q, want %q", ptr(events[6].Reason), reopen)
		}

		t.Run("decline", func(t *testing.T) {
			w := *w
			w.t = t
			declined := w.create(models.KindComplaint, "Lampu jalan padam di Jalan Berangas")
			w.assign(declined, agencyA, "NORMAL")
			in := map[string]any{"issueNumber": declined, "reason": decline}
			w.do(w.picB, declineMutation, in, models.EFORBIDDEN, nil)
			var out struct {
				DeclineIssue struct {
					Issue struct {
						Status string
						Agency *struct{ Slug string }
					}
				}
			}
			w.do(w.picA, declineMutation, in, "", &out)
			if out.DeclineIssue.Issue.Status != "NEW" || out.DeclineIssue.Issue.Agency != nil {
				t.Fatalf("declined issue: %+v", out.DeclineIssue.Issue)
			}
			if v, _ := w.view(nil, declined); v != nil {
				t.Error("the public sees a declined issue")
			}
			if v, _ := w.view(w.picA, declined); v != nil {
				t.Error("the declining agency still sees the issue")
			}
			if slices.Contains(w.publicNumbers(), declined) {
				t.Error("the public list shows a declined issue")
			}
			staffView, _ := w.view(w.auditor, declined)
			events := checkTimeline(t, staffView.Timeline, "CREATED", "ASSIGNED", "DECLINED")
			if ptr(events[2].Reason) != decline || events[2].Actor == nil || events[2].Actor.Email != w.picA.Email {
				t.Errorf("the auditor's view of the decline: %+v", events[2])
			}
			w.do(w.picA, declineMutation, in, models.ENOTFOUND, nil)
			// TRC hands it to the right agency.
			w.assign(declined, agencyB, "NORMAL")
			w.do(w.picB, acknowledgeMutation, map[string]any{"issueNumber": declined}, "", nil)
		})

		t.Run("duplicate", func(t *testing.T) {
			w := *w
			w.t = t
			dup := w.create(models.KindMisinformation, "Pemadaman listrik seminggu penuh")
			var out struct {
				MarkDuplicate struct {
					Issue struct {
						Status      string
						DuplicateOf *struct{ Number string }
					}
				}
			}
			w.do(w.trc, duplicateMutation, map[string]any{"issueNumber": dup, "originalNumber": number}, "", &out)
			if out.MarkDuplicate.Issue.Status != "DUPLICATE" || out.MarkDuplicate.Issue.DuplicateOf == nil || out.MarkDuplicate.Issue.DuplicateOf.Number != number {
				t.Fatalf("duplicate: %+v", out.MarkDuplicate.Issue)
			}
			// A duplicate is not assigned: the original carries the answer.
			w.do(w.trc, assignIssueMutation, map[string]any{"issueNumber": dup, "agencySlug": agencyA, "priority": "LOW"}, models.ECONFLICT, nil)
			w.do(w.trc, duplicateMutation, map[string]any{"issueNumber": dup, "originalNumber": number}, models.ECONFLICT, nil)
			pub, _ := w.view(nil, dup)
			if pub == nil || pub.Status != "DUPLICATE" || pub.DuplicateOf == nil || pub.DuplicateOf.Number != number {
				t.Fatalf("the public view of the duplicate: %+v", pub)
			}
			checkTimeline(t, pub.Timeline, "CREATED", "MARKED_DUPLICATE")
		})

		t.Run("reject", func(t *testing.T) {
			w := *w
			w.t = t
			rejected := w.create(models.KindQuestion, "Obrolan grup keluarga")
			w.do(w.trc, rejectMutation, map[string]any{"issueNumber": rejected, "reason": reject}, "", nil)
			w.do(w.trc, rejectMutation, map[string]any{"issueNumber": rejected, "reason": reject}, models.ECONFLICT, nil)
			w.do(w.trc, assignIssueMutation, map[string]any{"issueNumber": rejected, "agencySlug": agencyA, "priority": "LOW"}, models.ECONFLICT, nil)
			if v, _ := w.view(nil, rejected); v != nil {
				t.Error("the public sees a rejected issue")
			}
			if v, _ := w.view(w.picA, rejected); v != nil {
				t.Error("a PIC sees a rejected issue")
			}
			staffView, _ := w.view(w.trc, rejected)
			if staffView == nil || staffView.Status != "REJECTED" || ptr(staffView.RejectReason) != reject {
				t.Fatalf("TRC's view of the rejected issue: %+v", staffView)
			}
		})

		t.Run("internal", func(t *testing.T) {
			w := *w
			w.t = t
			internal := w.create(models.KindComplaint, "Dugaan pungutan liar di puskesmas")
			w.assign(internal, agencyA, "URGENT")
			in := map[string]any{"issueNumber": internal, "internal": true, "reason": hidden}
			w.do(w.trc, internalMutation, in, "", nil)
			w.do(w.trc, internalMutation, in, models.ECONFLICT, nil)
			if v, _ := w.view(nil, internal); v != nil {
				t.Error("the public sees an internal issue")
			}
			if v, _ := w.view(w.picB, internal); v != nil {
				t.Error("another agency's PIC sees an internal issue")
			}
			if slices.Contains(w.publicNumbers(), internal) {
				t.Error("the public list shows an internal issue")
			}
			audited, _ := w.view(w.auditor, internal)
			if audited == nil || !audited.Internal || ptr(audited.InternalReason) != hidden {
				t.Fatalf("the auditor's view of the internal issue: %+v", audited)
			}
		})

		t.Run("drafts", func(t *testing.T) {
			w := *w
			w.t = t
			drafted := w.create(models.KindMisinformation, "Vaksin campak menyebabkan autisme")
			w.assign(drafted, agencyA, "NORMAL")
			const draft1, draft2 = "Draf pertama: klaim ini sedang diperiksa.", "Draf kedua: **menyesatkan**, vaksin campak aman."
			var saved struct {
				SaveResponseDraft struct{ Response responseView }
			}
			w.do(w.picA, saveDraftMutation, map[string]any{"issueNumber": drafted, "body": draft1}, "", &saved)
			draft := saved.SaveResponseDraft.Response
			if draft.Status != "DRAFT" || draft.Revision != 0 {
				t.Fatalf("saved draft: %+v", draft)
			}
			w.do(w.picA, saveDraftMutation, map[string]any{"issueNumber": drafted, "body": draft2, "verdict": "MISLEADING"}, "", &saved)
			if saved.SaveResponseDraft.Response.ID != draft.ID || saved.SaveResponseDraft.Response.Body != draft2 {
				t.Fatalf("a second draft did not replace the first: %+v", saved.SaveResponseDraft.Response)
			}
			w.do(w.picB, saveDraftMutation, map[string]any{"issueNumber": drafted, "body": draft1}, models.EFORBIDDEN, nil)

			for _, u := range []*models.User{w.picA, w.trc, w.auditor} {
				v, _ := w.view(u, drafted)
				if v == nil || len(v.Responses) != 1 || v.Responses[0].Status != "DRAFT" || v.Responses[0].Body != draft2 {
					t.Errorf("%s does not see the draft: %+v", u.Role, v)
				}
			}
			for name, u := range map[string]*models.User{"the public": nil, "another agency's PIC": w.picB} {
				v, raw := w.view(u, drafted)
				if v == nil {
					t.Errorf("%s does not see the assigned issue", name)
				} else if len(v.Responses) != 0 || strings.Contains(raw, "Draf kedua") {
					t.Errorf("%s sees the draft: %s", name, raw)
				}
			}

			// A draft is not revised: it is published first.
			w.do(w.picA, reviseMutation, map[string]any{"responseId": draft.ID, "body": draft2 + " Ralat.", "verdict": "MISLEADING", "reason": ralat}, models.ECONFLICT, nil)

			var out struct {
				PublishResponseDraft struct{ Response responseView }
			}
			w.do(w.picA, publishDraftMutation, map[string]any{"responseId": draft.ID}, "", &out)
			if p := out.PublishResponseDraft.Response; p.Status != "PUBLISHED" || p.Revision != 1 || ptr(p.Verdict) != "MISLEADING" {
				t.Fatalf("published draft: %+v", p)
			}
			w.do(w.picA, publishDraftMutation, map[string]any{"responseId": draft.ID}, models.ECONFLICT, nil)
			pub, _ := w.view(nil, drafted)
			if pub.Status != "ANSWERED" || len(pub.Responses) != 1 || pub.Responses[0].Body != draft2 || ptr(pub.VerdictLabel) != "Menyesatkan" {
				t.Fatalf("the public view of the published draft: %+v", pub)
			}
			// Publishing straight away also counts as acknowledging.
			checkTimeline(t, pub.Timeline, "CREATED", "ASSIGNED", "ACKNOWLEDGED", "ANSWERED")
		})

		t.Run("public list", func(t *testing.T) {
			w := *w
			w.t = t
			fresh := w.create(models.KindAspiration, "Usulan taman baca di Desa Hilir Muara")
			numbers := w.publicNumbers()
			if !slices.Contains(numbers, number) {
				t.Errorf("the public list lacks %s", number)
			}
			if slices.Contains(numbers, fresh) {
				t.Errorf("the public list shows the NEW issue %s", fresh)
			}
		})

		t.Run("audit chain", func(t *testing.T) {
			entries, head := auditCount(t, db)
			var out struct {
				AuditVerification struct {
					Intact   bool
					Entries  int
					HeadHash string
				}
			}
			w.api.post("", `{ auditVerification { intact entries headHash } }`, nil).decode(t, &out)
			v := out.AuditVerification
			if !v.Intact || v.Entries != entries || v.HeadHash != head {
				t.Fatalf("audit verification %+v, want intact with %d entries and head %s", v, entries, head)
			}
		})
	})
}

// TestPublishResponseByLowerCaseNumber publishes with the issue number typed
// in lower case, which every other issue mutation accepts: the call must
// succeed, or fail without publishing.
func TestPublishResponseByLowerCaseNumber(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorkflow(t, db)
		number := w.create(models.KindComplaint, "Antrean panjang di RSUD")
		w.assign(number, agencyA, "NORMAL")
		entries, _ := auditCount(t, db)
		r := w.api.post(w.tokenOf(w.picA), publishMutation, map[string]any{"in": map[string]any{
			"issueNumber": strings.ToLower(number), "body": "Loket tambahan dibuka mulai Senin.",
		}})
		after, _ := auditCount(t, db)
		v, _ := w.view(nil, number)
		if v == nil {
			t.Fatalf("the assigned issue %s is not public: %s", number, r.Raw)
		}
		if len(r.Errors) > 0 {
			t.Fatalf("publishing by %s failed with %s, yet the issue is now %s with %d responses and %d audit entries were appended: %s",
				strings.ToLower(number), r.code(), v.Status, len(v.Responses), after-entries, r.Raw)
		}
		var out struct {
			PublishResponse struct{ Response responseView }
		}
		r.decode(t, &out)
		if p := out.PublishResponse.Response; p.Status != "PUBLISHED" || p.Revision != 1 || after != entries+1 || v.Status != "ANSWERED" {
			t.Fatalf("published response %+v, issue %s, %d audit entries appended", p, v.Status, after-entries)
		}
	})
}

// TestIDsAreStrings checks that ID fields are serialised as strings, as the
// GraphQL specification (section 3.5.5) requires of the ID type.
func TestIDsAreStrings(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorkflow(t, db)
		number := w.create(models.KindComplaint, "Jadwal posyandu berubah")
		w.assign(number, agencyA, "LOW")
		r := w.api.post(w.tokenOf(w.picA), publishMutation, map[string]any{"in": map[string]any{
			"issueNumber": number, "body": "Jadwal posyandu tetap setiap Selasa.",
		}})
		var out struct {
			PublishResponse struct {
				Response struct{ ID json.RawMessage }
			}
		}
		r.decode(t, &out)
		var id string
		if err := json.Unmarshal(out.PublishResponse.Response.ID, &id); err != nil || id == "" {
			t.Fatalf("response id is %s, want a JSON string", out.PublishResponse.Response.ID)
		}
		r = w.api.post(w.tokenOf(w.trc), `{ me { id } }`, nil)
		var me struct{ Me struct{ ID json.RawMessage } }
		r.decode(t, &me)
		if err := json.Unmarshal(me.Me.ID, &id); err != nil || id == "" {
			t.Fatalf("user id is %s, want a JSON string", me.Me.ID)
		}
	})
}

// TestConcurrentWorkflow runs eight staff sessions at once, each taking
// issues from logging to closing. Every mutation succeeds, the audit log
// gains exactly one entry per mutation, and its chain stays intact.
func TestConcurrentWorkflow(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorkflow(t, db)
		const workers, rounds = 8, 2
		before, _ := auditCount(t, db)

		type result struct {
			number   string
			mutation int
			failure  string
		}
		results := make(chan result, workers*rounds*5)
		var wg sync.WaitGroup
		for worker := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				call := func(u *models.User, query string, in map[string]any) (*gqlResponse, string) {
					r, err := postAuth(w.api, "Bearer "+w.tokenOf(u), query, map[string]any{"in": in})
					switch {
					case err != nil:
						return nil, err.Error()
					case len(r.Errors) > 0:
						return r, string(r.Raw)
					}
					return r, ""
				}
				for round := range rounds {
					title := fmt.Sprintf("Isu serentak %d-%d", worker, round)
					r, failure := call(w.trc, createIssueMutation, map[string]any{
						"title": title, "summary": "Ringkasan " + title + " untuk uji serentak.", "kind": "COMPLAINT",
					})
					results <- result{mutation: 1, failure: failure}
					if failure != "" {
						return
					}
					var created struct {
						CreateIssue struct{ Issue struct{ Number string } }
					}
					if err := json.Unmarshal(r.Data, &created); err != nil {
						results <- result{failure: err.Error()}
						return
					}
					number := created.CreateIssue.Issue.Number
					steps := []struct {
						user  *models.User
						query string
						in    map[string]any
					}{
						{w.trc, assignIssueMutation, map[string]any{"issueNumber": number, "agencySlug": agencyA, "priority": "URGENT"}},
						{w.picA, acknowledgeMutation, map[string]any{"issueNumber": number}},
						{w.picA, publishMutation, map[string]any{"issueNumber": number, "body": "Jawaban resmi untuk " + title + "."}},
						{w.trc, closeMutation, map[string]any{"issueNumber": number}},
					}
					for _, s := range steps {
						_, failure := call(s.user, s.query, s.in)
						results <- result{number: number, mutation: 1, failure: failure}
						if failure != "" {
							return
						}
					}
				}
			}()
		}
		wg.Wait()
		close(results)

		succeeded, numbers := 0, map[string]bool{}
		for r := range results {
			if r.failure != "" {
				t.Errorf("concurrent mutation failed: %s", r.failure)
				continue
			}
			succeeded += r.mutation
			if r.number != "" {
				numbers[r.number] = true
			}
		}
		if succeeded != workers*rounds*5 {
			t.Errorf("%d mutations succeeded, want %d", succeeded, workers*rounds*5)
		}
		if len(numbers) != workers*rounds {
			t.Errorf("%d distinct issue numbers, want %d", len(numbers), workers*rounds)
		}
		after, head := auditCount(t, db)
		if after-before != succeeded {
			t.Errorf("the audit log gained %d entries for %d successful mutations", after-before, succeeded)
		}
		var out struct {
			AuditVerification struct {
				Intact   bool
				Entries  int
				HeadHash string
				Problem  *string
			}
		}
		w.api.post("", `{ auditVerification { intact entries headHash problem } }`, nil).decode(t, &out)
		if v := out.AuditVerification; !v.Intact || v.Entries != after || v.HeadHash != head {
			t.Fatalf("audit verification after concurrent writes: intact %v, %d entries (want %d), problem %s", v.Intact, v.Entries, after, ptr(v.Problem))
		}
		closed := 0
		for number := range numbers {
			if v, _ := w.view(nil, number); v != nil && v.Status == "CLOSED" {
				closed++
			}
		}
		if closed != workers*rounds {
			t.Errorf("%d issues closed, want %d", closed, workers*rounds)
		}
	})
}
