package server_test

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/server"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestFeedsFromPublicURL: the Atom feed's ids and links come from the
// configured public address, so two readers using different host names get
// the same document; each entry carries the official answer as HTML, its
// first publication and a link to the page; an unknown agency is a 404; the
// JSON Feed and the ClaimReview feed list the same issues.
func TestFeedsFromPublicURL(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		api := newTestAPI(t, db)
		var bodies []string
		for _, host := range []string{"tanggap.example.go.id", "evil.example.com", "127.0.0.1:9"} {
			req, _ := http.NewRequest(http.MethodGet, api.srv.URL+"/feed.xml", nil)
			req.Host = host
			req.Header.Set("X-Forwarded-Host", "attacker.example")
			req.Header.Set("X-Forwarded-Proto", "https")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			body := string(raw)
			bodies = append(bodies, body)
			if strings.Contains(body, "evil.example") || strings.Contains(body, "attacker.example") || strings.Contains(body, "127.0.0.1") {
				t.Errorf("Host %s leaks into the feed", host)
			}
		}
		if bodies[0] != bodies[1] || bodies[1] != bodies[2] {
			t.Error("the feed differs with the Host header")
		}
		var doc struct {
			ID    string `xml:"id"`
			Links []struct {
				Rel  string `xml:"rel,attr"`
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Entries []struct {
				ID        string `xml:"id"`
				Published string `xml:"published"`
				Updated   string `xml:"updated"`
				Link      struct {
					Rel  string `xml:"rel,attr"`
					Href string `xml:"href,attr"`
				} `xml:"link"`
				Content struct {
					Type string `xml:"type,attr"`
					Text string `xml:",chardata"`
				} `xml:"content"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal([]byte(bodies[0]), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.ID != testPublicURL+"/feed.xml" {
			t.Errorf("feed id %q", doc.ID)
		}
		rels := map[string]string{}
		for _, l := range doc.Links {
			rels[l.Rel] = l.Href
		}
		if rels["self"] != testPublicURL+"/feed.xml" || rels["alternate"] != testPublicURL+"/" {
			t.Errorf("feed links %v", rels)
		}
		if len(doc.Entries) == 0 {
			t.Fatal("no entries")
		}
		for _, e := range doc.Entries {
			if !strings.HasPrefix(e.ID, testPublicURL+"/isu/") || e.Link.Href != e.ID || e.Link.Rel != "alternate" {
				t.Errorf("entry id %q link %+v", e.ID, e.Link)
			}
			if e.Content.Type != "html" || !strings.Contains(e.Content.Text, "<p>") {
				t.Errorf("entry %s has no HTML answer: %+v", e.ID, e.Content)
			}
			published, err1 := time.Parse(time.RFC3339, e.Published)
			updated, err2 := time.Parse(time.RFC3339, e.Updated)
			if err1 != nil || err2 != nil || published.After(updated) {
				t.Errorf("entry %s: published %q, updated %q", e.ID, e.Published, e.Updated)
			}
		}

		if status, _ := httpGet(t, api.srv.URL+"/feed.xml?agency=tidak-ada", ""); status != http.StatusNotFound {
			t.Errorf("unknown agency: %d", status)
		}
		if status, _ := httpGet(t, api.srv.URL+"/feed.json?agency=tidak-ada", ""); status != http.StatusNotFound {
			t.Errorf("unknown agency (JSON Feed): %d", status)
		}

		var feed struct {
			Version string `json:"version"`
			FeedURL string `json:"feed_url"`
			Items   []struct {
				ID          string `json:"id"`
				URL         string `json:"url"`
				ContentHTML string `json:"content_html"`
				Published   string `json:"date_published"`
			} `json:"items"`
		}
		status, body := httpGet(t, api.srv.URL+"/feed.json", "")
		if err := json.Unmarshal([]byte(body), &feed); err != nil || status != http.StatusOK {
			t.Fatalf("/feed.json: %d %v", status, err)
		}
		if feed.Version != "https://jsonfeed.org/version/1.1" || feed.FeedURL != testPublicURL+"/feed.json" || len(feed.Items) != len(doc.Entries) {
			t.Errorf("JSON Feed: version %q, feed_url %q, %d items for %d entries", feed.Version, feed.FeedURL, len(feed.Items), len(doc.Entries))
		}
		for i, it := range feed.Items {
			if it.ID != doc.Entries[i].ID || it.ContentHTML == "" || it.Published == "" {
				t.Errorf("JSON Feed item %d: %+v", i, it)
			}
		}

		var reviews struct {
			Type     string `json:"@type"`
			Elements []struct {
				Type string `json:"@type"`
				Item []struct {
					Type          string `json:"@type"`
					URL           string `json:"url"`
					ClaimReviewed string `json:"claimReviewed"`
					ReviewRating  struct {
						AlternateName string `json:"alternateName"`
					} `json:"reviewRating"`
					ItemReviewed struct {
						Type string `json:"@type"`
					} `json:"itemReviewed"`
				} `json:"item"`
			} `json:"dataFeedElement"`
		}
		status, body = httpGet(t, api.srv.URL+"/claimreview.json", "")
		if err := json.Unmarshal([]byte(body), &reviews); err != nil || status != http.StatusOK {
			t.Fatalf("/claimreview.json: %d %v", status, err)
		}
		if reviews.Type != "DataFeed" || len(reviews.Elements) == 0 {
			t.Fatalf("ClaimReview feed: %s", body)
		}
		for _, e := range reviews.Elements {
			r := e.Item[0]
			if e.Type != "DataFeedItem" || r.Type != "ClaimReview" || !strings.HasPrefix(r.URL, testPublicURL+"/isu/") ||
				r.ClaimReviewed == "" || r.ReviewRating.AlternateName == "" || r.ItemReviewed.Type != "Claim" {
				t.Errorf("ClaimReview item %+v", e)
			}
		}
	})
}

// TestFeedLinkedFromPages: every page's head announces the feeds.
func TestFeedLinkedFromPages(t *testing.T) {
	db := storetest.MustOpen(t, store.SQLite)
	storetest.MustLoadDemo(t, db, time.Now())
	api := newTestAPI(t, db, withPages())
	for _, path := range []string{"/", "/instansi/dinkes", "/isu/" + answeredPublicIssue(t, db).Number} {
		_, body := httpGet(t, api.srv.URL+path, "")
		if !strings.Contains(body, `<link rel="alternate" type="application/atom+xml"`) || !strings.Contains(body, `href="/feed.xml"`) {
			t.Errorf("%s does not link the Atom feed", path)
		}
	}
}

// TestSitemapAndRobots: the sitemap lists every public issue and agency page
// at the public address, becomes an index beyond the per-file limit, and
// robots.txt points at it.
func TestSitemapAndRobots(t *testing.T) {
	db := storetest.MustOpen(t, store.SQLite)
	storetest.MustLoadDemo(t, db, time.Now())
	public := countPublicIssues(t, db)
	agencies, err := db.Agencies(storetest.As(nil))
	if err != nil {
		t.Fatal(err)
	}
	type urlset struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	api := newTestAPI(t, db)
	status, body := httpGet(t, api.srv.URL+"/sitemap.xml", "")
	var set urlset
	if err := xml.Unmarshal([]byte(body), &set); err != nil || status != http.StatusOK {
		t.Fatalf("/sitemap.xml: %d %v", status, err)
	}
	issues, agencyPages := 0, 0
	for _, u := range set.URLs {
		switch {
		case strings.HasPrefix(u.Loc, testPublicURL+"/isu/"):
			issues++
		case strings.HasPrefix(u.Loc, testPublicURL+"/instansi/"):
			agencyPages++
		case !strings.HasPrefix(u.Loc, testPublicURL+"/"):
			t.Errorf("address %q is not at the public URL", u.Loc)
		}
	}
	if issues != public || agencyPages != len(agencies) {
		t.Errorf("sitemap: %d issues and %d agencies, want %d and %d", issues, agencyPages, public, len(agencies))
	}
	_, robots := httpGet(t, api.srv.URL+"/robots.txt", "")
	if !strings.Contains(robots, "Sitemap: "+testPublicURL+"/sitemap.xml") {
		t.Errorf("robots.txt: %s", robots)
	}

	paged := newTestAPI(t, db, func(_ *graph.Limits, cfg *server.Config) { cfg.SitemapURLsPerFile = 40 })
	_, body = httpGet(t, paged.srv.URL+"/sitemap.xml", "")
	var index struct {
		XMLName  xml.Name
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal([]byte(body), &index); err != nil || index.XMLName.Local != "sitemapindex" {
		t.Fatalf("beyond the limit /sitemap.xml is not an index: %v %s", err, body)
	}
	total := 0
	for _, s := range index.Sitemaps {
		path := strings.TrimPrefix(s.Loc, testPublicURL)
		status, body := httpGet(t, paged.srv.URL+path, "")
		var part urlset
		if err := xml.Unmarshal([]byte(body), &part); err != nil || status != http.StatusOK || len(part.URLs) == 0 || len(part.URLs) > 40 {
			t.Fatalf("%s: %d, %d addresses, %v", path, status, len(part.URLs), err)
		}
		total += len(part.URLs)
	}
	if total != len(set.URLs) {
		t.Errorf("the index's files hold %d addresses, the single file %d", total, len(set.URLs))
	}
	if status, _ := httpGet(t, paged.srv.URL+"/sitemaps/999.xml", ""); status != http.StatusNotFound {
		t.Errorf("a sitemap file past the end: %d", status)
	}
}
