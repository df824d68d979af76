package server

import (
	"bytes"
	"encoding/json"
	"html"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/frontend"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

const testIndex = `<!doctype html><html lang="id"><head><title>Tanggap</title>
<!--app-head-->
<script type="module" src="/assets/app.js"></script></head>
<body><div id="app"></div><!--app-noscript--></body></html>`

func testFrontend() fs.FS {
	return fstest.MapFS{
		"index.html":           {Data: []byte(testIndex)},
		"graphiql.html":        {Data: []byte("<!doctype html><title>GraphiQL</title>")},
		"assets/app.js":        {Data: []byte("console.log('app')")},
		"favicon.svg":          {Data: []byte("<svg></svg>")},
		"manifest.webmanifest": {Data: []byte(`{"name":"Tanggap"}`)},
	}
}

// mustPagesServer serves the demo data with the given frontend.
func mustPagesServer(t *testing.T, files fs.FS) *httptest.Server {
	t.Helper()
	db := storetest.MustOpen(t, store.SQLite)
	storetest.MustLoadDemo(t, db, time.Now())
	tokens, err := auth.NewTokens([]byte("pages-test-secret-pages-test-secret!"), "tanggap", "tanggap-api", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	cfg := StoreConfig(db)
	cfg.Tokens, cfg.Frontend = tokens, files
	srv := httptest.NewServer(New(cfg))
	t.Cleanup(srv.Close)
	return srv
}

func mustGet(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

// firstIssue asks the public API for the first issue matching filter.
func firstIssue(t *testing.T, srv *httptest.Server, filter string) (number, title, label, agency string) {
	t.Helper()
	query := `{ issues(first: 1, filter: ` + filter + `) { edges { node { number title verdictLabel agency { name } } } } }`
	body, _ := json.Marshal(map[string]string{"query": query})
	res, err := http.Post(srv.URL+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Data struct {
			Issues struct {
				Edges []struct {
					Node struct {
						Number, Title string
						VerdictLabel  *string
						Agency        struct{ Name string }
					}
				}
			}
		}
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || len(out.Data.Issues.Edges) == 0 {
		t.Fatalf("no issue for %s: %v", filter, err)
	}
	n := out.Data.Issues.Edges[0].Node
	if n.VerdictLabel != nil {
		label = *n.VerdictLabel
	}
	return n.Number, n.Title, label, n.Agency.Name
}

var metaPattern = regexp.MustCompile(`<meta (?:name|property)="([^"]+)" content="([^"]*)">`)

func metaOf(page string) map[string]string {
	tags := map[string]string{}
	for _, m := range metaPattern.FindAllStringSubmatch(page, -1) {
		tags[m[1]] = html.UnescapeString(m[2])
	}
	return tags
}

var jsonLDPattern = regexp.MustCompile(`<script type="application/ld\+json">(.*?)</script>`)

func TestPagesIssueHead(t *testing.T) {
	srv := mustPagesServer(t, testFrontend())

	t.Run("OK hoax", func(t *testing.T) {
		number, title, label, agency := firstIssue(t, srv, `{kind: [MISINFORMATION], verdict: [FALSE]}`)
		res, page := mustGet(t, srv.URL+"/isu/"+number)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("status %d", res.StatusCode)
		}
		if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("Content-Security-Policy = %q", csp)
		}
		if n := strings.Count(page, "<title>"); n != 1 {
			t.Errorf("%d title elements", n)
		}
		if !strings.Contains(page, "<title>"+label+": ") {
			t.Errorf("title without the verdict: %s", page)
		}
		meta := metaOf(page)
		if want := label + ": " + title; meta["og:title"] != want || meta["twitter:title"] != want {
			t.Errorf("og:title %q, twitter:title %q, want %q", meta["og:title"], meta["twitter:title"], want)
		}
		if !strings.HasPrefix(meta["og:description"], "Status: "+label+".") || !strings.Contains(meta["og:description"], agency) {
			t.Errorf("og:description = %q", meta["og:description"])
		}
		if meta["og:url"] != defaultPublicURL+"/isu/"+number {
			t.Errorf("og:url = %q", meta["og:url"])
		}
		m := jsonLDPattern.FindStringSubmatch(page)
		if m == nil {
			t.Fatal("no JSON-LD")
		}
		var review struct {
			Type          string `json:"@type"`
			URL           string `json:"url"`
			ClaimReviewed string `json:"claimReviewed"`
			DatePublished string `json:"datePublished"`
			Author        struct{ Name string }
			ReviewRating  struct {
				AlternateName string `json:"alternateName"`
				RatingValue   int    `json:"ratingValue"`
			} `json:"reviewRating"`
			ItemReviewed struct {
				Type string `json:"@type"`
			} `json:"itemReviewed"`
		}
		if err := json.Unmarshal([]byte(m[1]), &review); err != nil {
			t.Fatalf("JSON-LD %s: %v", m[1], err)
		}
		if review.Type != "ClaimReview" || review.ReviewRating.AlternateName != label || review.ReviewRating.RatingValue != 1 ||
			review.Author.Name != agency || review.ClaimReviewed == "" || review.ItemReviewed.Type != "Claim" || review.URL != meta["og:url"] {
			t.Errorf("ClaimReview = %+v", review)
		}
		if _, err := time.Parse(time.RFC3339, review.DatePublished); err != nil {
			t.Errorf("datePublished: %v", err)
		}
		if !strings.Contains(page, `<noscript><article class="noscript-issue">`) || strings.Contains(page, "<!--app-noscript-->") {
			t.Error("the issue's text for readers without JavaScript is missing")
		}
	})

	t.Run("OK complaint has no ClaimReview", func(t *testing.T) {
		number, title, _, _ := firstIssue(t, srv, `{kind: [COMPLAINT], status: [ANSWERED, CLOSED]}`)
		_, page := mustGet(t, srv.URL+"/isu/"+number)
		if meta := metaOf(page); meta["og:title"] != title {
			t.Errorf("og:title = %q, want %q", meta["og:title"], title)
		}
		if jsonLDPattern.MatchString(page) {
			t.Error("ClaimReview on a complaint")
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		res, page := mustGet(t, srv.URL+"/isu/KTB-1999-999999")
		if res.StatusCode != http.StatusNotFound || !strings.Contains(page, "Isu tidak ditemukan") || !strings.Contains(page, `<div id="app">`) {
			t.Errorf("status %d, page %s", res.StatusCode, page)
		}
	})
}

func TestPagesRoutes(t *testing.T) {
	srv := mustPagesServer(t, testFrontend())
	for _, tc := range []struct {
		path, wantBody, wantCache string
		wantStatus                int
	}{
		{"/", `<div id="app">`, "no-cache", http.StatusOK},
		{"/staf/trc", `property="og:site_name"`, "no-cache", http.StatusOK},
		{"/instansi/dinkes", `<div id="app">`, "no-cache", http.StatusOK},
		{"/lacak/ABCD-EFGH-JKMNP", `<div id="app">`, "no-cache", http.StatusOK},
		{"/assets/app.js", "console.log", "public, max-age=31536000, immutable", http.StatusOK},
		{"/graphiql", "<title>GraphiQL</title>", "no-cache", http.StatusOK},
		{"/favicon.svg", "<svg>", "no-cache", http.StatusOK},
		{"/assets/missing.js", `"code":"NOT_FOUND"`, "", http.StatusNotFound},
		{"/index.html", `<div id="app">`, "no-cache", http.StatusOK},
	} {
		t.Run(tc.path, func(t *testing.T) {
			res, body := mustGet(t, srv.URL+tc.path)
			if res.StatusCode != tc.wantStatus || !strings.Contains(body, tc.wantBody) {
				t.Fatalf("status %d, body %.200s", res.StatusCode, body)
			}
			if got := res.Header.Get("Cache-Control"); got != tc.wantCache {
				t.Errorf("Cache-Control = %q, want %q", got, tc.wantCache)
			}
			if strings.Contains(body, "<!--app-head-->") {
				t.Error("the head marker was not replaced")
			}
		})
	}
	t.Run("manifest", func(t *testing.T) {
		res, _ := mustGet(t, srv.URL+"/manifest.webmanifest")
		if got := res.Header.Get("Content-Type"); got != "application/manifest+json" {
			t.Errorf("Content-Type = %q", got)
		}
	})
	t.Run("POST", func(t *testing.T) {
		res, err := http.Post(srv.URL+"/staf", "text/plain", strings.NewReader("x"))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("status %d", res.StatusCode)
		}
	})
}

func TestPagesEscaping(t *testing.T) {
	verdict, label := "FALSE", `Hoaks"><script>alert(1)</script>`
	published := "2026-11-20T03:04:05.123Z"
	issue := &pageIssue{
		Number: "KTB-2026-000001", Title: `Judul </script><script>alert(2)</script> "kutip"`,
		Summary: "Ringkasan <b>tebal</b> & lainnya", Kind: "MISINFORMATION",
		Verdict: &verdict, VerdictLabel: &label,
	}
	issue.Responses = append(issue.Responses, struct {
		Status       string  `json:"status"`
		BodyHTML     string  `json:"bodyHTML"`
		VerdictLabel *string `json:"verdictLabel"`
		PublishedAt  *string `json:"publishedAt"`
		UpdatedAt    string  `json:"updatedAt"`
		Agency       struct {
			Name string `json:"name"`
		} `json:"agency"`
	}{Status: "PUBLISHED", PublishedAt: &published})
	head, err := render("head", issueHead(issue, "https://tanggap.example"))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script>alert", "</script><script>", `"><`, "<b>"} {
		if strings.Contains(head, bad) {
			t.Errorf("head contains %q unescaped:\n%s", bad, head)
		}
	}
	if strings.Count(head, "</script>") != 1 {
		t.Errorf("the JSON-LD can be closed early:\n%s", head)
	}
	if !strings.Contains(head, `"datePublished":"2026-11-20T03:04:05Z"`) {
		t.Errorf("datePublished not in RFC 3339 seconds:\n%s", head)
	}
	// The noscript text escapes what the issue's writers typed and keeps
	// the response's HTML, which the API sanitised.
	issue.Responses[0].BodyHTML = "<p>Jawaban <em>resmi</em></p>"
	noscript, err := render("noscript", issueNoscript(issue))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script>alert", "<b>", `Hoaks">`} {
		if strings.Contains(noscript, bad) {
			t.Errorf("noscript contains %q unescaped:\n%s", bad, noscript)
		}
	}
	if !strings.Contains(noscript, "<p>Jawaban <em>resmi</em></p>") || !strings.Contains(noscript, "&lt;b&gt;tebal&lt;/b&gt;") {
		t.Errorf("noscript:\n%s", noscript)
	}
}

// TestPagesEmbeddedBuild checks that the committed build carries the
// markers the server fills in, and the GraphiQL page.
func TestPagesEmbeddedBuild(t *testing.T) {
	dist := frontend.Dist()
	index, err := fs.ReadFile(dist, "index.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, marker := range []string{headMarker, noscriptMarker, `<div id="app">`, `lang="id"`} {
		if !bytes.Contains(index, []byte(marker)) {
			t.Errorf("frontend/dist/index.html lacks %s", marker)
		}
	}
	if bytes.Contains(bytes.ToLower(index), []byte("graphiql")) {
		t.Error("the portal's index.html loads GraphiQL")
	}
	if _, err := fs.Stat(dist, "graphiql.html"); err != nil {
		t.Errorf("frontend/dist/graphiql.html: %v", err)
	}
}
