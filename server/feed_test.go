package server_test

import (
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

type feedDoc struct {
	Entries []struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Author  string `xml:"author>name"`
	} `xml:"entry"`
}

func fetchFeed(t *testing.T, api *testAPI, path string) (feedDoc, string) {
	t.Helper()
	resp, err := http.Get(api.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var doc feedDoc
	if err := xml.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("the feed is not valid XML: %v", err)
	}
	return doc, string(raw)
}

// TestAtomFeed: the feed lists the answered public issues, newest change
// first, never an internal one, and can be narrowed to one agency.
func TestAtomFeed(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		api := newTestAPI(t, db)
		doc, raw := fetchFeed(t, api, "/feed.xml")
		answered, err := db.FindIssues(t.Context(), models.IssueFilter{
			Statuses: []models.IssueStatus{models.StatusAnswered, models.StatusClosed}, Order: models.OrderRecentlyUpdated, First: 50})
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Entries) != len(answered.Issues) || len(doc.Entries) == 0 {
			t.Fatalf("%d entries, want %d", len(doc.Entries), len(answered.Issues))
		}
		for i, e := range doc.Entries {
			if !strings.HasSuffix(e.ID, "/isu/"+answered.Issues[i].Number) {
				t.Errorf("entry %d is %s, want %s", i, e.ID, answered.Issues[i].Number)
			}
			if i > 0 && e.Updated > doc.Entries[i-1].Updated {
				t.Errorf("entries are not newest first at %d", i)
			}
		}
		if !strings.Contains(raw, "[Hoaks]") {
			t.Error("no verdict label in the feed titles")
		}
		internalOnly := true
		everything, _ := db.FindIssues(storetest.As(&models.User{Role: models.RoleAuditor}), models.IssueFilter{Internal: &internalOnly, First: 100})
		for _, hidden := range everything.Issues {
			if strings.Contains(raw, hidden.Number) {
				t.Errorf("the feed shows internal issue %s", hidden.Number)
			}
		}
		narrowed, _ := fetchFeed(t, api, "/feed.xml?agency=dinkes")
		for _, e := range narrowed.Entries {
			if e.Author != "Dinas Kesehatan" {
				t.Errorf("the Dinkes feed has an entry by %q", e.Author)
			}
		}
		if len(narrowed.Entries) == 0 || len(narrowed.Entries) >= len(doc.Entries) {
			t.Errorf("the agency feed has %d of %d entries", len(narrowed.Entries), len(doc.Entries))
		}
	})
}
