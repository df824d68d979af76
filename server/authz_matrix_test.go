package server_test

import (
	"context"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/server"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// matrixActor is one column of the authorization matrix.
type matrixActor string

const (
	actorAnonymous matrixActor = "anonymous"
	actorPICOwn    matrixActor = "pic-own-agency"
	actorPICOther  matrixActor = "pic-other-agency"
	actorTRC       matrixActor = "trc"
	actorAuditor   matrixActor = "auditor"
	actorAdmin     matrixActor = "admin"
)

// matrixActors are run in this order; ADMIN comes last so that the account
// fixtures shared by the user mutations are still untouched when the one
// actor allowed to change them runs.
var matrixActors = []matrixActor{actorAnonymous, actorPICOwn, actorPICOther, actorTRC, actorAuditor, actorAdmin}

// matrixEnv is what the fixtures of one database's matrix share.
type matrixEnv struct {
	api   *testAPI
	db    *store.DB
	staff *staff
	// loginUser signs in during the login cases; updateUser and
	// deactivateUser are the targets of the account mutations.
	loginUser, updateUser, deactivateUser *models.User
}

func (e *matrixEnv) user(a matrixActor) *models.User {
	switch a {
	case actorPICOwn:
		return e.staff.picA
	case actorPICOther:
		return e.staff.picB
	case actorTRC:
		return e.staff.trc
	case actorAuditor:
		return e.staff.auditor
	case actorAdmin:
		return e.staff.admin
	}
	return nil
}

// matrixRow classifies one mutation.
type matrixRow struct {
	query string
	// setup builds fresh fixtures and returns the variables of a call that
	// is valid in every respect but, possibly, the caller's permission.
	setup func(t *testing.T, e *matrixEnv) map[string]any
	// setupAs, when set, replaces setup for rows whose fixtures depend on
	// the caller, such as one of the caller's own sessions.
	setupAs func(t *testing.T, e *matrixEnv, actor matrixActor) map[string]any
	// freshToken signs the caller in again for the call, for mutations that
	// end the session of the token they are sent with.
	freshToken bool
	// allowed lists who may call the mutation. Everyone else is refused:
	// anonymous callers with UNAUTHENTICATED, staff with FORBIDDEN, unless
	// refused names another code.
	allowed []matrixActor
	refused map[matrixActor]string
	// action is the audit action an allowed call appends, and want a piece
	// of the data it returns. anonymousAudit says the entry never names the
	// caller.
	action         string
	want           string
	anonymousAudit bool
}

var (
	everyone  = []matrixActor{actorAnonymous, actorPICOwn, actorPICOther, actorTRC, actorAuditor, actorAdmin}
	allStaff  = []matrixActor{actorPICOwn, actorPICOther, actorTRC, actorAuditor, actorAdmin}
	adminOnly = []matrixActor{actorAdmin}
	trcOnly   = []matrixActor{actorTRC}
	agencyTRC = []matrixActor{actorPICOwn, actorTRC}
	// A draft of another agency is invisible to its PICs, so its id is
	// answered like one that does not exist.
	draftHidden = map[matrixActor]string{actorPICOther: models.ENOTFOUND}
)

func input(fields map[string]any) map[string]any { return map[string]any{"in": fields} }

func newIssueVars(t *testing.T, e *matrixEnv) map[string]any {
	issue := e.staff.mustNewIssue(t, e.db, models.KindComplaint)
	return input(map[string]any{"issueNumber": issue.Number})
}

// firstSourceID returns the id of the one source of a fresh issue, as the
// GraphQL ID the source mutations take.
func firstSourceID(t *testing.T, e *matrixEnv) string {
	issue := e.staff.mustNewIssue(t, e.db, models.KindComplaint)
	sources, err := e.db.SourcesByIssueIDs(storetest.As(e.staff.trc), []int64{issue.ID})
	if err != nil || len(sources) != 1 {
		t.Fatalf("sources of %s: %v (%d)", issue.Number, err, len(sources))
	}
	return strconv.FormatInt(sources[0].ID, 10)
}

// matrixRows classifies every mutation of the schema. A mutation added to
// the schema fails TestAuthorizationMatrix until it is added here.
var matrixRows = map[string]matrixRow{
	"login": {
		query: `mutation($in: LoginInput!) { login(input: $in) { token user { email } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			return input(map[string]any{"email": e.loginUser.Email, "password": storetest.Password})
		},
		allowed: everyone, action: "auth.login", want: `"email":"login.spare@kotabaru.test"`,
	},
	"logout": {
		query:      `mutation { logout { session { id current } } }`,
		setup:      func(t *testing.T, e *matrixEnv) map[string]any { return nil },
		freshToken: true,
		allowed:    allStaff, action: "auth.logout", want: `"current":true`,
	},
	"endSession": {
		query: `mutation($in: EndSessionInput!) { endSession(input: $in) { session { id current } } }`,
		setupAs: func(t *testing.T, e *matrixEnv, actor matrixActor) map[string]any {
			// A second sign-in of the caller (of TRC for an anonymous caller).
			owner := e.user(actor)
			if owner == nil {
				owner = e.staff.trc
			}
			token := e.api.login(owner.Email, storetest.Password)
			return input(map[string]any{"id": sessionOf(t, token)})
		},
		allowed: allStaff, action: "auth.session_end", want: `"current":false`,
	},
	"createUser": {
		query: `mutation($in: CreateUserInput!) { createUser(input: $in) { user { email role active } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			return input(map[string]any{
				"email": "baru" + uniq() + "@kotabaru.test", "name": "Petugas Baru", "password": "kata-sandi-baru-123", "role": "AUDITOR",
			})
		},
		allowed: adminOnly, action: "user.create", want: `"role":"AUDITOR","active":true`,
	},
	"updateUser": {
		query: `mutation($in: UpdateUserInput!) { updateUser(input: $in) { user { name } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			return input(map[string]any{"email": e.updateUser.Email, "name": "Nama Sudah Diubah"})
		},
		allowed: adminOnly, action: "user.update", want: `"name":"Nama Sudah Diubah"`,
	},
	"deactivateUser": {
		query: `mutation($in: DeactivateUserInput!) { deactivateUser(input: $in) { user { active } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			return input(map[string]any{"email": e.deactivateUser.Email})
		},
		allowed: adminOnly, action: "user.deactivate", want: `"active":false`,
	},
	"createAgency": {
		query: `mutation($in: CreateAgencyInput!) { createAgency(input: $in) { agency { slug name } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			n := uniq()
			return input(map[string]any{"slug": "instansi-" + n, "name": "Instansi Uji " + n, "shortName": "IU" + n})
		},
		allowed: adminOnly, action: "agency.create", want: `"slug":"instansi-`,
	},
	"updateAgency": {
		query: `mutation($in: UpdateAgencyInput!) { updateAgency(input: $in) { agency { name } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			agency := storetest.MustAgency(t, e.db, "ubah-"+uniq(), "Instansi Lama")
			return input(map[string]any{"slug": agency.Slug, "name": "Instansi Sudah Diubah"})
		},
		allowed: adminOnly, action: "agency.update", want: `"name":"Instansi Sudah Diubah"`,
	},
	"createCategory": {
		query: `mutation($in: CreateCategoryInput!) { createCategory(input: $in) { category { slug } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			n := uniq()
			return input(map[string]any{"slug": "kategori-" + n, "name": "Kategori " + n})
		},
		allowed: adminOnly, action: "category.create", want: `"slug":"kategori-`,
	},
	"updateCategory": {
		query: `mutation($in: UpdateCategoryInput!) { updateCategory(input: $in) { category { name } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			slug, name := "kat-"+uniq(), "Kategori Lama"
			if _, err := e.db.CreateCategory(storetest.SystemContext(), models.CategoryInput{Slug: &slug, Name: &name}); err != nil {
				t.Fatalf("create category: %v", err)
			}
			return input(map[string]any{"slug": slug, "name": "Kategori Sudah Diubah"})
		},
		allowed: adminOnly, action: "category.update", want: `"name":"Kategori Sudah Diubah"`,
	},
	"setSearchSynonyms": {
		query: `mutation($in: SetSearchSynonymsInput!) { setSearchSynonyms(input: $in) { searchSynonym { term synonyms } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			return input(map[string]any{"term": "istilah " + uniq(), "synonyms": []string{"padanan kata"}})
		},
		allowed: adminOnly, action: "search.synonyms.set", want: `"synonyms":["padanan kata"]`,
	},
	"deleteSearchSynonyms": {
		query: `mutation($in: DeleteSearchSynonymsInput!) { deleteSearchSynonyms(input: $in) { searchSynonym { term } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			term := "hapus " + uniq()
			if _, err := e.db.SetSearchSynonyms(storetest.SystemContext(), term, []string{"padanan kata"}); err != nil {
				t.Fatalf("set synonyms: %v", err)
			}
			return input(map[string]any{"term": term})
		},
		allowed: adminOnly, action: "search.synonyms.delete", want: `"term":"hapus `,
	},
	"addHoliday": {
		query: `mutation($in: AddHolidayInput!) { addHoliday(input: $in) { holiday { date kind } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			return input(map[string]any{"date": freshHolidayDate(), "name": "Hari Jadi Kabupaten", "kind": "REGIONAL"})
		},
		allowed: adminOnly, action: "calendar.add_holiday", want: `"kind":"REGIONAL"`,
	},
	"removeHoliday": {
		query: `mutation($in: RemoveHolidayInput!) { removeHoliday(input: $in) { holiday { name } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			date := freshHolidayDate()
			r := e.api.post(e.staff.tokenOf(e.staff.admin), `mutation($in: AddHolidayInput!) { addHoliday(input: $in) { holiday { date } } }`,
				input(map[string]any{"date": date, "name": "Cuti Bersama Idulfitri", "kind": "CUTI_BERSAMA"}))
			if len(r.Errors) > 0 {
				t.Fatalf("add holiday: %s", r.Raw)
			}
			return input(map[string]any{"date": date})
		},
		allowed: adminOnly, action: "calendar.remove_holiday", want: `"name":"Cuti Bersama Idulfitri"`,
	},
	"updateResponsePolicy": {
		query: `mutation($in: UpdateResponsePolicyInput!) { updateResponsePolicy(input: $in) { policy { priority acknowledgeWithinMinutes } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			return input(map[string]any{"priority": "LOW", "acknowledgeWithinMinutes": 960, "answerWithinMinutes": 4800, "basis": "WORKING"})
		},
		allowed: adminOnly, action: "policy.update", want: `"priority":"LOW","acknowledgeWithinMinutes":960`,
	},
	"setWorkingHours": {
		query: `mutation($in: SetWorkingHoursInput!) { setWorkingHours(input: $in) { workingHours { summary } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			days := []map[string]any{}
			for _, d := range []string{"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY"} {
				days = append(days, map[string]any{"weekday": d, "start": "08:00", "end": "16:00"})
			}
			days = append(days, map[string]any{"weekday": "FRIDAY", "start": "08:00", "end": "11:00"})
			return input(map[string]any{"days": days})
		},
		allowed: adminOnly, action: "calendar.working_hours", want: `"summary":"Senin–Kamis 08.00–16.00, Jumat 08.00–11.00"`,
	},
	"importHolidays": {
		query: `mutation($in: ImportHolidaysInput!) { importHolidays(input: $in) { added { date name kind } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			date := strings.ReplaceAll(freshHolidayDate(), "-", "")
			ics := "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:" + date + "\r\nSUMMARY:Hari Jadi Kabupaten Kotabaru\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
			return input(map[string]any{"calendar": ics, "fileName": "libur-daerah.ics", "kind": "REGIONAL"})
		},
		allowed: adminOnly, action: "calendar.import_holidays", want: `"name":"Hari Jadi Kabupaten Kotabaru","kind":"REGIONAL"`,
	},
	"createIssue": {
		query: `mutation($in: CreateIssueInput!) { createIssue(input: $in) { issue { status } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			return input(map[string]any{
				"title": "Jalan rusak di Sebelimbingan", "summary": "Warga mengeluhkan jalan rusak sejak sebulan.",
				"kind": "COMPLAINT", "sources": []map[string]any{{"platform": "X", "url": "https://x.com/warga/status/1"}},
			})
		},
		allowed: trcOnly, action: "issue.create", want: `"status":"NEW"`,
	},
	"updateIssue": {
		query: `mutation($in: UpdateIssueInput!) { updateIssue(input: $in) { issue { title } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			v := newIssueVars(t, e)
			v["in"].(map[string]any)["title"] = "Judul yang diperbaiki"
			return v
		},
		allowed: trcOnly, action: "issue.edited", want: `"title":"Judul yang diperbaiki"`,
	},
	"addIssueSource": {
		query: `mutation($in: AddIssueSourceInput!) { addIssueSource(input: $in) { issue { sources { platform } } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			v := newIssueVars(t, e)
			v["in"].(map[string]any)["source"] = map[string]any{"platform": "TIKTOK", "url": "https://tiktok.com/@warga/video/1"}
			return v
		},
		allowed: trcOnly, action: "issue.source_added", want: `{"platform":"TIKTOK"}`,
	},
	"updateIssueSource": {
		query: `mutation($in: UpdateIssueSourceInput!) { updateIssueSource(input: $in) { issue { sources { platform url } } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			return input(map[string]any{"id": firstSourceID(t, e), "platform": "YOUTUBE", "url": "https://youtube.com/watch?v=koreksi"})
		},
		allowed: trcOnly, action: "issue.source_updated", want: `{"platform":"YOUTUBE","url":"https://youtube.com/watch?v=koreksi"}`,
	},
	"removeIssueSource": {
		query: `mutation($in: RemoveIssueSourceInput!) { removeIssueSource(input: $in) { issue { sources { platform } } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			return input(map[string]any{"id": firstSourceID(t, e), "reason": "Tautan keliru, unggahan milik akun lain."})
		},
		allowed: trcOnly, action: "issue.source_removed", want: `"sources":[]`,
	},
	"assignIssue": {
		query: `mutation($in: AssignIssueInput!) { assignIssue(input: $in) { issue { status agency { slug } } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			v := newIssueVars(t, e)
			v["in"].(map[string]any)["agencySlug"], v["in"].(map[string]any)["priority"] = agencyA, "HIGH"
			return v
		},
		allowed: trcOnly, action: "issue.assigned", want: `"status":"ASSIGNED","agency":{"slug":"dinas-kesehatan"}`,
	},
	"acknowledgeIssue": {
		query: `mutation($in: AcknowledgeIssueInput!) { acknowledgeIssue(input: $in) { issue { status } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			return input(map[string]any{"issueNumber": e.staff.mustAssigned(t, e.db, models.KindComplaint).Number})
		},
		allowed: agencyTRC, action: "issue.acknowledged", want: `"status":"IN_PROGRESS"`,
	},
	"declineIssue": {
		query: `mutation($in: DeclineIssueInput!) { declineIssue(input: $in) { issue { number } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			issue := e.staff.mustAssigned(t, e.db, models.KindComplaint)
			return input(map[string]any{"issueNumber": issue.Number, "reason": "Bukan kewenangan Dinas Kesehatan."})
		},
		allowed: []matrixActor{actorPICOwn}, action: "issue.declined", want: `"number":"KTB-`,
	},
	"closeIssue": {
		query: `mutation($in: CloseIssueInput!) { closeIssue(input: $in) { issue { status } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			issue, _ := e.staff.mustAnswered(t, e.db)
			return input(map[string]any{"issueNumber": issue.Number})
		},
		allowed: trcOnly, action: "issue.closed", want: `"status":"CLOSED"`,
	},
	"reopenIssue": {
		query: `mutation($in: ReopenIssueInput!) { reopenIssue(input: $in) { issue { status } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			issue := e.staff.mustClosed(t, e.db)
			return input(map[string]any{"issueNumber": issue.Number, "reason": "Ada data baru yang perlu ditambahkan."})
		},
		allowed: trcOnly, action: "issue.reopened", want: `"status":"ANSWERED"`,
	},
	"rejectIssue": {
		query: `mutation($in: RejectIssueInput!) { rejectIssue(input: $in) { issue { status } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			v := newIssueVars(t, e)
			v["in"].(map[string]any)["reason"] = "Percakapan pribadi, bukan isu publik."
			return v
		},
		allowed: trcOnly, action: "issue.rejected", want: `"status":"REJECTED"`,
	},
	"markDuplicate": {
		query: `mutation($in: MarkDuplicateInput!) { markDuplicate(input: $in) { issue { status } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			original := e.staff.mustAssigned(t, e.db, models.KindComplaint)
			v := newIssueVars(t, e)
			v["in"].(map[string]any)["originalNumber"] = original.Number
			return v
		},
		allowed: trcOnly, action: "issue.marked_duplicate", want: `"status":"DUPLICATE"`,
	},
	"setIssueInternal": {
		query: `mutation($in: SetIssueInternalInput!) { setIssueInternal(input: $in) { issue { internal } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			issue := e.staff.mustAssigned(t, e.db, models.KindComplaint)
			return input(map[string]any{"issueNumber": issue.Number, "internal": true, "reason": "Menyangkut penyelidikan yang sedang berjalan."})
		},
		allowed: trcOnly, action: "issue.made_internal", want: `"internal":true`,
	},
	"saveResponseDraft": {
		query: `mutation($in: SaveResponseDraftInput!) { saveResponseDraft(input: $in) { response { status } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			issue := e.staff.mustInProgress(t, e.db, models.KindComplaint)
			return input(map[string]any{"issueNumber": issue.Number, "body": "Draf jawaban: perbaikan dijadwalkan pekan depan."})
		},
		allowed: agencyTRC, action: "response.draft", want: `"status":"DRAFT"`,
	},
	"discardResponseDraft": {
		query: `mutation($in: DiscardResponseDraftInput!) { discardResponseDraft(input: $in) { response { status } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			_, draft := e.staff.mustDraft(t, e.db)
			return input(map[string]any{"responseId": strconv.FormatInt(draft.ID, 10)})
		},
		allowed: agencyTRC, refused: draftHidden, action: "response.discard", want: `"status":"DRAFT"`,
	},
	"publishResponseDraft": {
		query: `mutation($in: PublishResponseDraftInput!) { publishResponseDraft(input: $in) { response { status revision } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			_, draft := e.staff.mustDraft(t, e.db)
			return input(map[string]any{"responseId": strconv.FormatInt(draft.ID, 10)})
		},
		allowed: agencyTRC, refused: draftHidden, action: "issue.answered", want: `"status":"PUBLISHED","revision":1`,
	},
	"publishResponse": {
		query: `mutation($in: PublishResponseInput!) { publishResponse(input: $in) { response { status revision } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			issue := e.staff.mustInProgress(t, e.db, models.KindComplaint)
			return input(map[string]any{"issueNumber": issue.Number, "body": "Perbaikan jalan dijadwalkan pekan depan."})
		},
		allowed: agencyTRC, action: "issue.answered", want: `"status":"PUBLISHED","revision":1`,
	},
	"submitQuestion": {
		query: `mutation($in: SubmitQuestionInput!) { submitQuestion(input: $in) { alreadySubmitted question { status } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			return input(map[string]any{"body": "Kapan jadwal imunisasi anak di puskesmas? Nomor " + uniq()})
		},
		// The audit log records that a question arrived, never who asked.
		allowed: everyone, action: "question.submit", anonymousAudit: true,
		want: `"alreadySubmitted":false,"question":{"status":"RECEIVED"}`,
	},
	"subscribe": {
		query: `mutation($in: SubscribeInput!) { subscribe(input: $in) { target value } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			return input(map[string]any{"email": "ikut." + uniq() + "@example.com", "search": "banjir " + uniq()})
		},
		// As with questions, the audit log records the request, never who made it.
		allowed: everyone, action: "subscription.request", anonymousAudit: true, want: `"target":"SEARCH"`,
	},
	"confirmSubscription": {
		query: `mutation($token: String!) { confirmSubscription(token: $token) { target } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			return map[string]any{"token": mustConfirmToken(t, e)}
		},
		allowed: everyone, action: "subscription.confirm", anonymousAudit: true, want: `"target":"SEARCH"`,
	},
	"linkQuestion": {
		query: `mutation($in: LinkQuestionInput!) { linkQuestion(input: $in) { question { status } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			issue := e.staff.mustAssigned(t, e.db, models.KindQuestion)
			q := mustQuestion(t, e.db)
			return input(map[string]any{"questionId": strconv.FormatInt(q.ID, 10), "issueNumber": issue.Number})
		},
		allowed: trcOnly, action: "question.link", want: `"status":"LINKED"`,
	},
	"openIssueFromQuestion": {
		query: `mutation($in: OpenIssueFromQuestionInput!) { openIssueFromQuestion(input: $in) { issue { status kind } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			q := mustQuestion(t, e.db)
			return input(map[string]any{
				"questionId": strconv.FormatInt(q.ID, 10), "title": "Jadwal imunisasi anak",
				"summary": "Warga menanyakan jadwal imunisasi anak di puskesmas.", "kind": "QUESTION",
			})
		},
		allowed: trcOnly, action: "question.open_issue", want: `"status":"NEW","kind":"QUESTION"`,
	},
	"rejectQuestion": {
		query: `mutation($in: RejectQuestionInput!) { rejectQuestion(input: $in) { question { status } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			q := mustQuestion(t, e.db)
			return input(map[string]any{"questionId": strconv.FormatInt(q.ID, 10), "reason": "Pertanyaan tidak berkaitan dengan layanan publik."})
		},
		allowed: trcOnly, action: "question.reject", want: `"status":"REJECTED"`,
	},
	"reviseResponse": {
		query: `mutation($in: ReviseResponseInput!) { reviseResponse(input: $in) { response { revision } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			_, response := e.staff.mustAnswered(t, e.db)
			return input(map[string]any{
				"responseId": strconv.FormatInt(response.ID, 10), "body": "Jawaban yang diralat: perbaikan dimulai Senin.",
				"reason": "Jadwal perbaikan dimajukan.",
			})
		},
		allowed: agencyTRC, action: "issue.revised", want: `"revision":2`,
	},
	"createWebhook": {
		query: `mutation($in: CreateWebhookInput!) { createWebhook(input: $in) { webhook { url } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			return input(map[string]any{"url": "https://93.184.215.14/kabar", "events": []string{"RESPONSE_PUBLISHED"}})
		},
		allowed: adminOnly, action: "webhook.create", want: `"url":"https://93.184.215.14/kabar"`,
	},
	"updateWebhook": {
		query: `mutation($in: UpdateWebhookInput!) { updateWebhook(input: $in) { description } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			return input(map[string]any{"id": mustWebhook(t, e), "description": "Redaksi diubah"})
		},
		allowed: adminOnly, action: "webhook.update", want: `"description":"Redaksi diubah"`,
	},
	"deleteWebhook": {
		query: `mutation($id: ID!) { deleteWebhook(id: $id) { url } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			return map[string]any{"id": mustWebhook(t, e)}
		},
		allowed: adminOnly, action: "webhook.delete", want: `"url":"https://93.184.215.14/`,
	},
	"rotateWebhookSecret": {
		query: `mutation($id: ID!) { rotateWebhookSecret(id: $id) { webhook { rotating } } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			return map[string]any{"id": mustWebhook(t, e)}
		},
		allowed: adminOnly, action: "webhook.rotate_secret", want: `"rotating":true`,
	},
	"replayWebhookDelivery": {
		query: `mutation($id: ID!) { replayWebhookDelivery(id: $id) { status } }`,
		setup: func(t *testing.T, e *matrixEnv) map[string]any {
			return map[string]any{"id": mustFailedDelivery(t, e)}
		},
		allowed: adminOnly, action: "webhook.replay", want: `"status":"PENDING"`,
	},
}

// mustWebhook registers a webhook as ADMIN and returns its id.
func mustWebhook(t *testing.T, e *matrixEnv) string {
	t.Helper()
	hooks, err := store.NewWebhooks(e.db, store.WebhookConfig{Key: []byte(server.TestWebhookKey)})
	if err != nil {
		t.Fatal(err)
	}
	created, err := hooks.CreateWebhook(storetest.As(e.staff.admin), models.WebhookInput{
		URL: "https://93.184.215.14/kabar-" + strconv.FormatInt(fixtureSeq.Add(1), 10), Events: []string{models.WebhookIssueStatusChanged}})
	if err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(created.Webhook.ID, 10)
}

// mustFailedDelivery stores a failed delivery of a fresh webhook, as the
// delivery worker leaves one, and returns its id.
func mustFailedDelivery(t *testing.T, e *matrixEnv) string {
	t.Helper()
	hook := mustWebhook(t, e)
	seq := strconv.FormatInt(fixtureSeq.Add(1), 10)
	var id int64
	err := e.db.Bun().NewRaw(`INSERT INTO webhook_deliveries (webhook_id, message_id, audit_id, event_type, subject, payload, event_at, status,
		attempts, failures, excerpt, error, created_at) VALUES (?, ?, 0, 'issue.status_changed', ?, '{}', ?, 'FAILED', 10, 10, '', 'HTTP 500', ?) RETURNING id`,
		hook, "msg_matrix"+seq, "issue:M-"+seq, time.Now().UTC(), time.Now().UTC()).Scan(context.Background(), &id)
	if err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(id, 10)
}

// freshHolidayDate returns a date no other fixture of the run uses.
func freshHolidayDate() string {
	return time.Date(2031, time.January, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(fixtureSeq.Add(1))).Format(time.DateOnly)
}

// schemaMutations lists the mutation fields the running API announces.
func schemaMutations(t *testing.T, api *testAPI) []string {
	t.Helper()
	r := api.post("", `{ __schema { mutationType { fields { name } } } }`, nil)
	var out struct {
		Schema struct {
			MutationType struct {
				Fields []struct{ Name string }
			}
		} `json:"__schema"`
	}
	r.decode(t, &out)
	var names []string
	for _, f := range out.Schema.MutationType.Fields {
		names = append(names, f.Name)
	}
	sort.Strings(names)
	return names
}

// TestAuthorizationMatrix calls every mutation of the schema as every kind of
// caller: allowed calls succeed and append one audit entry by the caller,
// refused ones fail with the expected code and write nothing at all.
func TestAuthorizationMatrix(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db)
		e := &matrixEnv{api: api, db: db, staff: mustStaff(t, api)}
		e.loginUser = storetest.MustUser(t, db, "login.spare@kotabaru.test", models.RoleTRC, "")
		e.updateUser = storetest.MustUser(t, db, "update.spare@kotabaru.test", models.RolePIC, agencyB)
		e.deactivateUser = storetest.MustUser(t, db, "deactivate.spare@kotabaru.test", models.RoleAuditor, "")

		names := schemaMutations(t, api)
		if len(names) == 0 {
			t.Fatal("introspection lists no mutations")
		}
		inSchema := map[string]bool{}
		for _, name := range names {
			inSchema[name] = true
			if _, ok := matrixRows[name]; !ok {
				t.Errorf("mutation %s is not classified in the authorization matrix", name)
			}
		}
		for name := range matrixRows {
			if !inSchema[name] {
				t.Errorf("the authorization matrix classifies %s, which the schema no longer has", name)
			}
		}

		for _, name := range names {
			row, ok := matrixRows[name]
			if !ok {
				continue
			}
			t.Run(name, func(t *testing.T) {
				for _, actor := range matrixActors {
					t.Run(string(actor), func(t *testing.T) {
						runMatrixCase(t, e, row, actor)
					})
				}
			})
		}
	})
}

func runMatrixCase(t *testing.T, e *matrixEnv, row matrixRow, actor matrixActor) {
	var vars map[string]any
	if row.setupAs != nil {
		vars = row.setupAs(t, e, actor)
	} else {
		vars = row.setup(t, e)
	}
	caller := e.user(actor)
	token := e.staff.tokenOf(caller)
	if row.freshToken && caller != nil {
		token = e.api.login(caller.Email, storetest.Password)
	}
	for _, a := range row.allowed {
		if a != actor {
			continue
		}
		r := mutate(t, e.api, token, row.query, vars, "")
		if !strings.Contains(string(r.Data), row.want) {
			t.Errorf("data %s does not contain %s", r.Data, row.want)
		}
		wantActor := caller
		switch {
		case row.action == "auth.login":
			wantActor = e.loginUser
		case row.anonymousAudit:
			wantActor = nil
		}
		checkLastAudit(t, e, row.action, wantActor)
		return
	}
	want := row.refused[actor]
	switch {
	case want != "":
	case caller == nil:
		want = models.EUNAUTHENTICATED
	default:
		want = models.EFORBIDDEN
	}
	r := mutate(t, e.api, token, row.query, vars, want)
	if string(r.Data) != "null" && len(r.Data) > 0 {
		t.Errorf("a refused mutation returned data %s", r.Data)
	}
}

// checkLastAudit asserts that the newest audit entry records action by actor.
func checkLastAudit(t *testing.T, e *matrixEnv, action string, actor *models.User) {
	t.Helper()
	page, err := e.db.AuditLog(storetest.As(e.staff.auditor), models.AuditFilter{First: 1})
	if err != nil {
		t.Fatalf("read audit log: %v", err)
	}
	if len(page.Entries) != 1 {
		t.Fatalf("audit log has %d entries on its first page", len(page.Entries))
	}
	entry := page.Entries[0]
	if entry.Action != action {
		t.Errorf("audit action %q, want %q", entry.Action, action)
	}
	if actor == nil {
		if entry.ActorID != nil {
			t.Errorf("audit entry by user %d (%s), want no actor", *entry.ActorID, entry.ActorRole)
		} else if entry.ActorRole != "ANONYMOUS" {
			t.Errorf("audit actor role %s, want ANONYMOUS", entry.ActorRole)
		}
		return
	}
	if entry.ActorID == nil || *entry.ActorID != actor.ID || entry.ActorRole != string(actor.Role) {
		t.Errorf("audit entry by %s (role %s), want user %d (%s)", fmtID(entry.ActorID), entry.ActorRole, actor.ID, actor.Role)
	}
}

func fmtID(id *int64) string {
	if id == nil {
		return "nobody"
	}
	return "user " + strconv.FormatInt(*id, 10)
}

// mustConfirmToken asks to follow a search and returns the confirmation
// token of the mail it queued (read from the queued message, as the mail
// would carry it).
func mustConfirmToken(t *testing.T, e *matrixEnv) string {
	t.Helper()
	search := "banjir " + uniq()
	if _, err := e.db.Subscribe(context.Background(), models.NewSubscription{Email: "konfirmasi." + uniq() + "@example.com", Search: &search}); err != nil {
		t.Fatal(err)
	}
	var payload string
	if err := e.db.Bun().NewRaw("SELECT payload FROM mail_outbox WHERE kind = ? ORDER BY id DESC LIMIT 1", "confirm").Scan(context.Background(), &payload); err != nil {
		t.Fatal(err)
	}
	var n struct{ ConfirmToken string }
	if err := json.Unmarshal([]byte(payload), &n); err != nil || n.ConfirmToken == "" {
		t.Fatalf("no confirmation token in the queued mail %s: %v", payload, err)
	}
	return n.ConfirmToken
}
