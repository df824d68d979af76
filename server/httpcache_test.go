package server_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/andybalholm/brotli"

	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/server"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// rawGet sends a GET with the given headers and returns the answer with its
// body exactly as sent (no transparent decompression).
func rawGet(t *testing.T, target string, headers map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, target, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", "identity")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// withPages serves a minimal built web app, for the issue pages.
func withPages() apiOption {
	return func(_ *graph.Limits, cfg *server.Config) {
		cfg.Frontend = fstest.MapFS{
			"index.html": {Data: []byte(`<!doctype html><html lang="id"><head><title>Tanggap</title>
<!--app-head--></head><body><div id="app"></div><!--app-noscript--></body></html>`)},
		}
	}
}

// TestConditionalGET: an anonymous GET query, the feed and an issue page
// carry a strong ETag and a short public max-age, and a repeated request
// with If-None-Match gets 304 without a body; a change of the data changes
// the ETag. Signed-in requests and POSTs are never stored.
func TestConditionalGET(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		api := newTestAPI(t, db, withPages())
		public := answeredPublicIssue(t, db)
		query := url.Values{"query": {`{ issues(first: 5) { edges { node { id number title } } } }`}}
		for _, path := range []string{"/graphql?" + query.Encode(), "/feed.xml", "/feed.json", "/claimreview.json",
			"/isu/" + public.Number, "/sitemap.xml", "/open-data/issues.csv"} {
			first, body := rawGet(t, api.srv.URL+path, nil)
			etag := first.Header.Get("ETag")
			if first.StatusCode != http.StatusOK || len(body) == 0 {
				t.Fatalf("GET %s: %d %s", path, first.StatusCode, body)
			}
			if !strings.HasPrefix(etag, `"`) || strings.HasPrefix(etag, "W/") {
				t.Errorf("GET %s: ETag %q is not strong", path, etag)
			}
			if cc := first.Header.Get("Cache-Control"); cc != "public, max-age=30" {
				t.Errorf("GET %s: Cache-Control %q", path, cc)
			}
			if vary := strings.Join(first.Header.Values("Vary"), ", "); !strings.Contains(vary, "Accept-Encoding") || !strings.Contains(vary, "Authorization") {
				t.Errorf("GET %s: Vary %q", path, vary)
			}
			for i := 0; i < 2; i++ {
				again, rest := rawGet(t, api.srv.URL+path, map[string]string{"If-None-Match": etag})
				if again.StatusCode != http.StatusNotModified || len(rest) != 0 {
					t.Errorf("GET %s with If-None-Match (try %d): %d, %d bytes", path, i+1, again.StatusCode, len(rest))
				}
				if again.Header.Get("ETag") != etag {
					t.Errorf("GET %s: the 304 carries ETag %q, want %q", path, again.Header.Get("ETag"), etag)
				}
			}
			if other, _ := rawGet(t, api.srv.URL+path, map[string]string{"If-None-Match": `"something-else"`}); other.StatusCode != http.StatusOK {
				t.Errorf("GET %s with another ETag: %d", path, other.StatusCode)
			}
		}

		// Last-Modified where it is natural: the feed and the issue page.
		feed, _ := rawGet(t, api.srv.URL+"/feed.xml", nil)
		lastModified := feed.Header.Get("Last-Modified")
		if _, err := http.ParseTime(lastModified); err != nil {
			t.Fatalf("feed Last-Modified %q", lastModified)
		}
		if again, _ := rawGet(t, api.srv.URL+"/feed.xml", map[string]string{"If-Modified-Since": lastModified}); again.StatusCode != http.StatusNotModified {
			t.Errorf("feed with If-Modified-Since: %d", again.StatusCode)
		}

		// A correction changes the issue page's ETag at once.
		page, _ := rawGet(t, api.srv.URL+"/isu/"+public.Number, nil)
		trc := storetest.MustUser(t, db, "trc.cache@example.go.id", models.RoleTRC, "")
		if _, err := db.UpdateIssue(storetest.As(trc), public.Number, models.IssueUpdate{Title: new("Judul yang dikoreksi untuk uji tembolok")}); err != nil {
			t.Fatal(err)
		}
		changed, body := rawGet(t, api.srv.URL+"/isu/"+public.Number, map[string]string{"If-None-Match": page.Header.Get("ETag")})
		if changed.StatusCode != http.StatusOK || !bytes.Contains(body, []byte("Judul yang dikoreksi")) {
			t.Errorf("after a correction the page answered %d", changed.StatusCode)
		}

		// Signed-in: private, never stored, no validator.
		token := api.login("trc.cache@example.go.id", storetest.Password)
		signed, _ := rawGet(t, api.srv.URL+"/graphql?"+query.Encode(), map[string]string{"Authorization": "Bearer " + token})
		if cc := signed.Header.Get("Cache-Control"); signed.StatusCode != http.StatusOK || cc != "private, no-store" || signed.Header.Get("ETag") != "" {
			t.Errorf("signed-in GET: %d, Cache-Control %q, ETag %q", signed.StatusCode, cc, signed.Header.Get("ETag"))
		}
		// POST: never stored.
		resp, err := http.Post(api.srv.URL+"/graphql", "application/json", strings.NewReader(`{"query":"{ agencies { slug } }"}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if cc := resp.Header.Get("Cache-Control"); cc != "no-store" || resp.Header.Get("ETag") != "" {
			t.Errorf("POST: Cache-Control %q, ETag %q", cc, resp.Header.Get("ETag"))
		}
	})
}

// TestCompressionNegotiation: brotli is preferred, gzip follows, a refused
// coding (q=0) is not used, small bodies and compressed types pass as they
// are, and the compressed ETag still validates a conditional request.
func TestCompressionNegotiation(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		api := newTestAPI(t, db)
		_, plain := rawGet(t, api.srv.URL+"/feed.xml", nil)
		if len(plain) < 2048 {
			t.Fatalf("the feed is only %d bytes; the test needs a larger body", len(plain))
		}
		for _, tc := range []struct {
			accept, want string
		}{
			{"gzip, deflate, br, zstd", "br"},
			{"br;q=0.5, gzip;q=1", "br"},
			{"gzip", "gzip"},
			{"br;q=0, gzip", "gzip"},
			{"deflate", ""},
			{"identity", ""},
		} {
			resp, body := rawGet(t, api.srv.URL+"/feed.xml", map[string]string{"Accept-Encoding": tc.accept})
			if got := resp.Header.Get("Content-Encoding"); got != tc.want {
				t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", tc.accept, got, tc.want)
				continue
			}
			var decoded []byte
			var err error
			switch tc.want {
			case "br":
				decoded, err = io.ReadAll(brotli.NewReader(bytes.NewReader(body)))
			case "gzip":
				var zr *gzip.Reader
				if zr, err = gzip.NewReader(bytes.NewReader(body)); err == nil {
					decoded, err = io.ReadAll(zr)
				}
			default:
				decoded = body
			}
			if err != nil || !bytes.Equal(decoded, plain) {
				t.Errorf("Accept-Encoding %q: the body does not decode to the feed (%v)", tc.accept, err)
			}
			if tc.want != "" {
				if len(body) >= len(plain)/2 {
					t.Errorf("%s: %d bytes for %d", tc.want, len(body), len(plain))
				}
				etag := resp.Header.Get("ETag")
				if !strings.HasSuffix(etag, "-"+tc.want+`"`) {
					t.Errorf("%s: ETag %q does not name the coding", tc.want, etag)
				}
				again, _ := rawGet(t, api.srv.URL+"/feed.xml", map[string]string{"Accept-Encoding": tc.accept, "If-None-Match": etag})
				if again.StatusCode != http.StatusNotModified {
					t.Errorf("%s: If-None-Match with the coded ETag answered %d", tc.want, again.StatusCode)
				}
			}
		}
		// A small body is not worth compressing.
		small, _ := rawGet(t, api.srv.URL+"/healthz", map[string]string{"Accept-Encoding": "br, gzip"})
		if small.Header.Get("Content-Encoding") != "" {
			t.Errorf("/healthz compressed as %s", small.Header.Get("Content-Encoding"))
		}
		// The zip of the open data is compressed already.
		archive, _ := rawGet(t, api.srv.URL+"/open-data/tanggap-open-data.zip", map[string]string{"Accept-Encoding": "br, gzip"})
		if archive.StatusCode != http.StatusOK || archive.Header.Get("Content-Encoding") != "" {
			t.Errorf("the zip: %d, Content-Encoding %q", archive.StatusCode, archive.Header.Get("Content-Encoding"))
		}
		// A JSON answer of the API is compressed too.
		q := url.Values{"query": {`{ issues(first: 50) { edges { node { number title summary } } } }`}}
		list, _ := rawGet(t, api.srv.URL+"/graphql?"+q.Encode(), map[string]string{"Accept-Encoding": "gzip"})
		if list.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("a list query is not compressed: %q", list.Header.Get("Content-Encoding"))
		}
	})
}

// answeredPublicIssue is an answered public issue of the demo data.
func answeredPublicIssue(t *testing.T, db *store.DB) *models.Issue {
	t.Helper()
	page, err := db.FindIssues(storetest.As(nil), models.IssueFilter{Statuses: []models.IssueStatus{models.StatusAnswered}, First: 1})
	if err != nil || len(page.Issues) == 0 {
		t.Fatalf("no answered public issue in the demo data: %v", err)
	}
	return page.Issues[0]
}
