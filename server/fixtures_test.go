package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// Agencies every staff fixture is built around: the PIC of agencyA owns the
// issues of the tests, the PIC of agencyB stands for any other agency.
const (
	agencyA = "dinas-kesehatan"
	agencyB = "dinas-sosial"
)

// staff holds the accounts of one database, created and signed in once.
type staff struct {
	trc, picA, picB, auditor, admin *models.User
	token                           map[int64]string
}

// tokenOf returns the bearer token of u, or "" for nil (anonymous).
func (s *staff) tokenOf(u *models.User) string {
	if u == nil {
		return ""
	}
	return s.token[u.ID]
}

// mustStaff creates both agencies and one account per role, and signs each
// account in through the API.
func mustStaff(t *testing.T, api *testAPI) *staff {
	t.Helper()
	db := api.db
	storetest.MustAgency(t, db, agencyA, "Dinas Kesehatan")
	storetest.MustAgency(t, db, agencyB, "Dinas Sosial")
	s := &staff{
		trc:     storetest.MustUser(t, db, "trc@kotabaru.test", models.RoleTRC, ""),
		picA:    storetest.MustUser(t, db, "pic.dinkes@kotabaru.test", models.RolePIC, agencyA),
		picB:    storetest.MustUser(t, db, "pic.dinsos@kotabaru.test", models.RolePIC, agencyB),
		auditor: storetest.MustUser(t, db, "ombudsman@kotabaru.test", models.RoleAuditor, ""),
		admin:   storetest.MustUser(t, db, "admin@kotabaru.test", models.RoleAdmin, ""),
		token:   map[int64]string{},
	}
	for _, u := range []*models.User{s.trc, s.picA, s.picB, s.auditor, s.admin} {
		s.token[u.ID] = api.login(u.Email, storetest.Password)
	}
	return s
}

var fixtureSeq atomic.Int64

// uniq returns a short suffix that no other fixture of the run uses.
func uniq() string { return fmt.Sprint(fixtureSeq.Add(1)) }

// mustNewIssue logs a NEW issue through the store as TRC.
func (s *staff) mustNewIssue(t *testing.T, db *store.DB, kind models.IssueKind) *models.Issue {
	t.Helper()
	n := uniq()
	issue, err := db.CreateIssue(storetest.As(s.trc), models.NewIssue{
		Title:   "Isu uji nomor " + n,
		Summary: "Ringkasan isu uji nomor " + n + " yang beredar di media sosial.",
		Kind:    kind,
		Sources: []models.IssueSourceInput{{Platform: models.PlatformFacebook, URL: "https://facebook.com/post/" + n, AccountHandle: "@akun" + n}},
	})
	if err != nil {
		t.Fatalf("create issue: %v", err)
	}
	return issue
}

// mustAssigned returns a fresh issue assigned to agencyA.
func (s *staff) mustAssigned(t *testing.T, db *store.DB, kind models.IssueKind) *models.Issue {
	t.Helper()
	issue := s.mustNewIssue(t, db, kind)
	issue, err := db.AssignIssue(storetest.As(s.trc), models.Assignment{IssueNumber: issue.Number, AgencySlug: agencyA, Priority: models.PriorityNormal})
	if err != nil {
		t.Fatalf("assign issue: %v", err)
	}
	return issue
}

// mustInProgress returns a fresh issue acknowledged by agencyA's PIC.
func (s *staff) mustInProgress(t *testing.T, db *store.DB, kind models.IssueKind) *models.Issue {
	t.Helper()
	issue := s.mustAssigned(t, db, kind)
	issue, err := db.AcknowledgeIssue(storetest.As(s.picA), issue.Number)
	if err != nil {
		t.Fatalf("acknowledge issue: %v", err)
	}
	return issue
}

// mustDraft returns a draft of agencyA on a fresh complaint in progress.
func (s *staff) mustDraft(t *testing.T, db *store.DB) (*models.Issue, *models.Response) {
	t.Helper()
	issue := s.mustInProgress(t, db, models.KindComplaint)
	response, err := db.SaveDraft(storetest.As(s.picA), models.ResponseDraftInput{
		IssueNumber: issue.Number, Body: "Draf jawaban resmi atas keluhan " + issue.Number + ".",
	})
	if err != nil {
		t.Fatalf("save draft: %v", err)
	}
	return issue, response
}

// mustAnswered returns a fresh complaint answered by agencyA.
func (s *staff) mustAnswered(t *testing.T, db *store.DB) (*models.Issue, *models.Response) {
	t.Helper()
	issue := s.mustInProgress(t, db, models.KindComplaint)
	response, err := db.PublishResponse(storetest.As(s.picA), models.ResponseDraftInput{
		IssueNumber: issue.Number, Body: "Jawaban resmi atas keluhan " + issue.Number + ".",
	})
	if err != nil {
		t.Fatalf("publish response: %v", err)
	}
	return issue, response
}

// mustClosed returns a fresh complaint answered and closed.
func (s *staff) mustClosed(t *testing.T, db *store.DB) *models.Issue {
	t.Helper()
	issue, _ := s.mustAnswered(t, db)
	issue, err := db.CloseIssue(storetest.As(s.trc), issue.Number)
	if err != nil {
		t.Fatalf("close issue: %v", err)
	}
	return issue
}

// mustQuestion stores a citizen's question as if it came from a public
// address; every call asks something different, so none is folded.
func mustQuestion(t *testing.T, db *store.DB) *models.Question {
	t.Helper()
	ctx := models.NewContextWithClientAddr(context.Background(), "203.0.113.7")
	q, existing, err := db.SubmitQuestion(ctx, models.NewQuestion{
		Body: "Bagaimana cara mendaftar bantuan sosial tahun ini? Nomor " + uniq(),
	})
	if err != nil || existing {
		t.Fatalf("submit question: %v (existing %v)", err, existing)
	}
	return q
}

// tableNames lists every table of the database, in name order.
func tableNames(t *testing.T, db *store.DB) []string {
	t.Helper()
	query := "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
	if db.Dialect() == store.SQLite {
		query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
	}
	var names []string
	if err := db.Bun().NewRaw(query).Scan(context.Background(), &names); err != nil {
		t.Fatalf("list tables: %v", err)
	}
	if len(names) == 0 {
		t.Fatal("the database has no tables")
	}
	return names
}

// dbSnapshot reads every row of every table, to prove that a refused call
// wrote nothing at all.
func dbSnapshot(t *testing.T, db *store.DB) map[string][]map[string]any {
	t.Helper()
	out := map[string][]map[string]any{}
	for _, table := range tableNames(t, db) {
		var rows []map[string]any
		if err := db.Bun().NewRaw("SELECT * FROM "+table+" ORDER BY 1").Scan(context.Background(), &rows); err != nil {
			t.Fatalf("snapshot %s: %v", table, err)
		}
		out[table] = rows
	}
	return out
}

// diffSnapshots names the tables whose rows differ.
func diffSnapshots(before, after map[string][]map[string]any) []string {
	var changed []string
	for table := range after {
		if _, ok := before[table]; !ok {
			changed = append(changed, table+" (new table)")
		}
	}
	for table, rows := range before {
		if !reflect.DeepEqual(rows, after[table]) {
			changed = append(changed, fmt.Sprintf("%s (%d rows before, %d after)", table, len(rows), len(after[table])))
		}
	}
	sort.Strings(changed)
	return changed
}

// auditCount returns the number of audit entries and the head hash.
func auditCount(t *testing.T, db *store.DB) (int, string) {
	t.Helper()
	hash, entries, err := db.AuditHead(context.Background())
	if err != nil {
		t.Fatalf("audit head: %v", err)
	}
	return entries, hash
}

// mutate sends a mutation and checks its effect on the audit log: with
// wantCode empty it must succeed and append exactly one entry; otherwise it
// must fail with that code and leave every table as it was.
func mutate(t *testing.T, api *testAPI, token, query string, vars map[string]any, wantCode string) *gqlResponse {
	t.Helper()
	var before map[string][]map[string]any
	if wantCode != "" {
		before = dbSnapshot(t, api.db)
	}
	entries, head := auditCount(t, api.db)
	r := api.post(token, query, vars)
	afterEntries, afterHead := auditCount(t, api.db)
	if wantCode == "" {
		if len(r.Errors) > 0 {
			t.Fatalf("unexpected errors: %s", r.Raw)
		}
		if afterEntries != entries+1 {
			t.Fatalf("a successful mutation appended %d audit entries, want 1: %s", afterEntries-entries, r.Raw)
		}
		return r
	}
	if got := r.code(); got != wantCode {
		t.Fatalf("error code %q, want %q: %s", got, wantCode, r.Raw)
	}
	if afterEntries != entries || afterHead != head {
		t.Fatalf("a refused mutation changed the audit log: %d entries before, %d after", entries, afterEntries)
	}
	if changed := diffSnapshots(before, dbSnapshot(t, api.db)); len(changed) > 0 {
		t.Fatalf("a refused mutation (%s) wrote to %s", wantCode, strings.Join(changed, ", "))
	}
	return r
}

// postAuth sends one operation with the Authorization header exactly as
// given (none when it is empty). Unlike testAPI.post it reports transport
// failures as errors, so it may run outside the test's goroutine.
func postAuth(api *testAPI, authorization, query string, vars map[string]any) (*gqlResponse, error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequest(http.MethodPost, api.srv.URL+"/graphql", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/graphql-response+json, application/json")
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	out := &gqlResponse{Status: resp.StatusCode, Header: resp.Header, Raw: raw}
	if err := json.Unmarshal(raw, out); err != nil {
		return out, fmt.Errorf("decode %q: %w", raw, err)
	}
	return out, nil
}

// gqlID reads an ID whether it arrives as a JSON string or a number, so that
// the workflow tests do not depend on how IDs are serialised (see
// TestIDsAreStrings).
type gqlID string

func (id *gqlID) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*id = gqlID(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*id = gqlID(n)
	return nil
}

// issueView is an issue as the API shows it to one caller.
type issueView struct {
	Number, Status, Kind                             string
	Verdict, VerdictLabel, Priority                  *string
	Internal                                         bool
	InternalReason, RejectReason                     *string
	Agency                                           *struct{ Slug string }
	DuplicateOf                                      *struct{ Number string }
	AssignedAt, AcknowledgedAt, AnsweredAt, ClosedAt *string
	AcknowledgeDueAt, AnswerDueAt                    *string
	Sources                                          []sourceView
	Responses                                        []responseView
	Timeline                                         []timelineView
}

// sourceView is one source of an issue.
type sourceView struct {
	Platform      string
	URL           *string
	ClaimText     string
	AccountHandle *string
	DetectedAt    string
}

// responseView is a response with its revisions.
type responseView struct {
	ID                     gqlID
	Status, Body, BodyHTML string
	Verdict                *string
	Revision               int
	PublishedAt            *string
	Revisions              []revisionView
}

// revisionView is one published version of a response.
type revisionView struct {
	Number          int
	Body, BodyHTML  string
	Verdict, Reason *string
	CreatedAt       string
}

// timelineView is one step of an issue's timeline.
type timelineView struct {
	Type, At string
	Reason   *string
	Agency   *struct{ Slug string }
	Actor    *struct{ Email string }
}
