package server_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// nodeOf asks node(id) for the typename and id of an object; "" when null.
func nodeOf(t *testing.T, api *testAPI, token, id string) string {
	t.Helper()
	var out struct {
		Node *struct {
			Typename string `json:"__typename"`
			ID       string `json:"id"`
		} `json:"node"`
	}
	api.post(token, `query($id: ID!) { node(id: $id) { __typename id } }`, map[string]any{"id": id}).decode(t, &out)
	if out.Node == nil {
		return ""
	}
	if out.Node.ID != id {
		t.Errorf("node(%s) answered id %s", id, out.Node.ID)
	}
	return out.Node.Typename
}

// TestNodeIdentity: every object has an opaque global id that names its
// type, node and nodes find it again with the same visibility as every
// other read (anonymous callers get null for a NEW or internal issue, a
// staff account, an audit entry and a question by id), and mutations take
// the global id or, for older clients, the bare number.
func TestNodeIdentity(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		api := newTestAPI(t, db)
		storetest.MustUser(t, db, "trc.node@example.go.id", models.RoleTRC, "")
		storetest.MustUser(t, db, "auditor.node@example.go.id", models.RoleAuditor, "")
		trc := api.login("trc.node@example.go.id", storetest.Password)
		auditor := api.login("auditor.node@example.go.id", storetest.Password)

		var listed struct {
			Issues struct {
				Edges []struct {
					Node struct {
						ID, Number string
						Agency     struct{ ID, Slug string }
						Category   *struct{ ID string }
						Responses  []struct {
							ID        string
							Revisions []struct{ ID string }
						}
						Sources []struct{ ID string }
					}
				}
			}
		}
		api.post("", `{ issues(first: 30, filter: {status: [ANSWERED]}) { edges { node { id number agency { id slug } category { id }
			responses { id revisions { id } } sources { id } } } } }`, nil).decode(t, &listed)
		if len(listed.Issues.Edges) == 0 {
			t.Fatal("no answered issues")
		}
		seen := map[string]string{}
		want := map[string]string{}
		for _, e := range listed.Issues.Edges {
			n := e.Node
			want[n.ID] = "Issue"
			want[n.Agency.ID] = "Agency"
			if n.Category != nil {
				want[n.Category.ID] = "Category"
			}
			for _, r := range n.Responses {
				want[r.ID] = "Response"
				for _, rev := range r.Revisions {
					want[rev.ID] = "ResponseRevision"
				}
			}
			for _, s := range n.Sources {
				want[s.ID] = "IssueSource"
			}
		}
		storetest.MustUser(t, db, "admin.node@example.go.id", models.RoleAdmin, "")
		admin := api.login("admin.node@example.go.id", storetest.Password)
		api.post(admin, `mutation { addHoliday(input: {date: "2031-08-18", name: "Libur uji node", kind: REGIONAL}) { holiday { id } } }`, nil).decode(t, &struct{}{})
		var holidays struct{ Holidays []struct{ ID string } }
		api.post("", `{ holidays(year: 2031) { id } }`, nil).decode(t, &holidays)
		for _, h := range holidays.Holidays {
			want[h.ID] = "Holiday"
		}
		for id, typ := range want {
			raw, err := base64.RawURLEncoding.DecodeString(id)
			if err != nil || !strings.HasPrefix(string(raw), typ+":") {
				t.Errorf("%s id %q is not the base64url of %s:key", typ, id, typ)
			}
			if prev, dup := seen[id]; dup && prev != typ {
				t.Errorf("id %s is shared by %s and %s", id, prev, typ)
			}
			seen[id] = typ
			if got := nodeOf(t, api, "", id); got != typ {
				t.Errorf("anonymous node(%s %s) = %q", typ, id, got)
			}
		}
		for _, typ := range []string{"Issue", "Agency", "Category", "Response", "ResponseRevision", "IssueSource", "Holiday"} {
			found := false
			for _, v := range want {
				found = found || v == typ
			}
			if !found {
				t.Errorf("no %s id was read; the check is incomplete", typ)
			}
		}

		// A NEW issue and an internal issue: staff only.
		var created struct {
			CreateIssue struct{ Issue struct{ ID, Number string } }
		}
		api.post(trc, `mutation { createIssue(input: {title: "Isu baru untuk uji node", summary: "Belum diteruskan, tidak publik.", kind: COMPLAINT}) { issue { id number } } }`, nil).decode(t, &created)
		newID := created.CreateIssue.Issue.ID
		internal := true
		internals, err := db.FindIssues(storetest.As(&models.User{Role: models.RoleAuditor}), models.IssueFilter{Internal: &internal, First: 1})
		if err != nil || len(internals.Issues) == 0 {
			t.Fatalf("no internal demo issue: %v", err)
		}
		internalID := globalID("Issue", fmt.Sprint(internals.Issues[0].ID))
		for _, id := range []string{newID, internalID} {
			if got := nodeOf(t, api, "", id); got != "" {
				t.Errorf("anonymous node(%s) = %s, want null", id, got)
			}
			if got := nodeOf(t, api, auditor, id); got != "Issue" {
				t.Errorf("auditor node(%s) = %q", id, got)
			}
		}

		// Accounts, audit entries, sessions.
		var me struct{ Me struct{ ID string } }
		api.post(trc, `{ me { id } }`, nil).decode(t, &me)
		var log struct {
			AuditLog struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		api.post(auditor, `{ auditLog(first: 1) { edges { node { id } } } }`, nil).decode(t, &log)
		var sessions struct{ MySessions []struct{ ID string } }
		api.post(trc, `{ mySessions { id } }`, nil).decode(t, &sessions)
		entry := log.AuditLog.Edges[0].Node.ID
		for _, c := range []struct {
			token, id, want string
		}{
			{"", me.Me.ID, ""}, {trc, me.Me.ID, "User"}, {auditor, me.Me.ID, "User"},
			{"", entry, ""}, {trc, entry, ""}, {auditor, entry, "AuditEntry"},
			{"", sessions.MySessions[0].ID, ""}, {auditor, sessions.MySessions[0].ID, ""}, {trc, sessions.MySessions[0].ID, "Session"},
		} {
			if got := nodeOf(t, api, c.token, c.id); got != c.want {
				t.Errorf("node(%s) signed in %v = %q, want %q", c.id, c.token != "", got, c.want)
			}
		}

		// Questions: the asker's id is not the staff id and resolves to
		// nothing for them; staff triage by the global id or the bare number.
		var asked [2]struct {
			SubmitQuestion struct{ Question struct{ ID string } }
		}
		for i := range asked {
			api.post("", `mutation($b: String!) { submitQuestion(input: {body: $b}) { question { id } } }`,
				map[string]any{"b": fmt.Sprintf("Pertanyaan nomor %d tentang jadwal layanan kependudukan keliling?", i+1)}).decode(t, &asked[i])
		}
		var triage struct {
			Questions struct {
				Edges []struct{ Node struct{ ID, Body string } }
			}
		}
		api.post(trc, `{ questions(first: 2) { edges { node { id body } } } }`, nil).decode(t, &triage)
		staffIDs := map[string]bool{}
		for _, e := range triage.Questions.Edges {
			staffIDs[e.Node.ID] = true
		}
		for _, a := range asked {
			if staffIDs[a.SubmitQuestion.Question.ID] {
				t.Errorf("the asker sees the staff id %s", a.SubmitQuestion.Question.ID)
			}
			if got := nodeOf(t, api, "", a.SubmitQuestion.Question.ID); got != "" {
				t.Errorf("anonymous node(question) = %q", got)
			}
		}
		staffID := triage.Questions.Edges[0].Node.ID
		if got := nodeOf(t, api, "", staffID); got != "" {
			t.Errorf("anonymous node(staff question id) = %q", got)
		}
		if got := nodeOf(t, api, trc, staffID); got != "Question" {
			t.Errorf("TRC node(question) = %q", got)
		}
		number := listed.Issues.Edges[0].Node.Number
		link := `mutation($q: ID!, $n: String!) { linkQuestion(input: {questionId: $q, issueNumber: $n}) { question { id status } } }`
		if r := api.post(trc, link, map[string]any{"q": staffID, "n": number}); len(r.Errors) > 0 {
			t.Errorf("linkQuestion with a global id: %s", r.Raw)
		}
		raw, _ := base64.RawURLEncoding.DecodeString(triage.Questions.Edges[1].Node.ID)
		bare := strings.TrimPrefix(string(raw), "Question:")
		if r := api.post(trc, link, map[string]any{"q": bare, "n": number}); len(r.Errors) > 0 {
			t.Errorf("linkQuestion with a bare number: %s", r.Raw)
		}
		r := api.post(trc, link, map[string]any{"q": listed.Issues.Edges[0].Node.ID, "n": number})
		mustErrorCode(t, r, models.EINVALID, "questionId")

		// nodes: order kept, null in place, bounded.
		var many struct {
			Nodes []*struct {
				Typename string `json:"__typename"`
			} `json:"nodes"`
		}
		api.post("", `query($ids: [ID!]!) { nodes(ids: $ids) { __typename } }`,
			map[string]any{"ids": []string{listed.Issues.Edges[0].Node.ID, newID, "bm90LWFuLWlk", me.Me.ID, listed.Issues.Edges[0].Node.Agency.ID}}).decode(t, &many)
		if len(many.Nodes) != 5 || many.Nodes[0] == nil || many.Nodes[0].Typename != "Issue" || many.Nodes[1] != nil ||
			many.Nodes[2] != nil || many.Nodes[3] != nil || many.Nodes[4] == nil || many.Nodes[4].Typename != "Agency" {
			b, _ := json.Marshal(many)
			t.Errorf("nodes: %s", b)
		}
		ids := make([]string, 101)
		for i := range ids {
			ids[i] = listed.Issues.Edges[0].Node.ID
		}
		r = api.post("", `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": ids})
		if len(r.Errors) == 0 {
			t.Error("101 ids were accepted")
		}
	})
}
