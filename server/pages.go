package server

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/sharecard"
)

// templateFiles are the server's own HTML: the parts of the app's pages it
// fills in, and the open-data index.
//
//go:embed templates/*.html
var templateFiles embed.FS

// pageParts renders the head and noscript parts of the app's pages.
var pageParts = template.Must(template.ParseFS(templateFiles, "templates/pages.html"))

// The built index.html carries these two markers; the server replaces them
// with the page's head tags and a script-free version of its content.
const (
	headMarker     = "<!--app-head-->"
	noscriptMarker = "<!--app-noscript-->"
)

// siteName is how the portal names itself in titles and link previews.
const siteName = "Tanggap"

var (
	issueNumberPattern = regexp.MustCompile(`^[A-Za-z0-9]{1,12}-[0-9]{4}-[0-9]{1,9}$`)
)

// contentSecurityPolicy allows the app's own scripts only. Link previews
// and JSON-LD are data, not scripts, so they need no exception.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: https:; connect-src 'self'; font-src 'self' data:; object-src 'none'; " +
	"base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// pages serves the web app: its static files, GraphiQL at /graphiql,
// index.html for the app's client-side routes, and for /isu/<number> an
// index.html whose head already carries the issue's title, summary and
// verdict (Open Graph, Twitter, ClaimReview JSON-LD), so link previews work
// without JavaScript.
//
// The issue is read through the public GraphQL API as an anonymous client,
// so a page never shows more than a journalist's query would.
type pages struct {
	files fs.FS
	api   http.Handler
	index string
	// publicURL is the portal's configured address, for absolute links in
	// previews; never the request's Host header.
	publicURL string
}

// newPages serves files from the built app and asks api for issues.
func newPages(files fs.FS, api http.Handler, publicURL string) http.Handler {
	p := &pages{files: files, api: api, publicURL: publicURL}
	if b, err := fs.ReadFile(files, "index.html"); err == nil {
		p.index = string(b)
	}
	return p
}

func (p *pages) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeRequestError(w, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", "Halaman hanya dapat dibaca dengan GET atau HEAD.")
		return
	}
	urlPath := r.URL.Path
	switch {
	case urlPath == "/graphiql" || urlPath == "/graphiql/":
		p.serveFile(w, r, "graphiql.html")
		return
	case strings.HasPrefix(urlPath, "/isu/"):
		number := strings.TrimSuffix(strings.TrimPrefix(urlPath, "/isu/"), "/")
		if issueNumberPattern.MatchString(number) {
			p.issuePage(w, r, number)
			return
		}
	}
	name := strings.TrimPrefix(path.Clean(urlPath), "/")
	if name != "" && name != "index.html" {
		if info, err := fs.Stat(p.files, name); err == nil && !info.IsDir() {
			p.serveFile(w, r, name)
			return
		}
		// A missing file (it has an extension) is a 404; anything else is a
		// route of the app, which shows its own "not found" when needed.
		if strings.Contains(path.Base(name), ".") {
			notFound(w, r)
			return
		}
	}
	p.writeIndex(w, r, http.StatusOK, defaultHead(), nil)
}

// serveFile serves one built file. Hashed assets never change; everything
// else is revalidated so a new release is picked up at once.
func (p *pages) serveFile(w http.ResponseWriter, r *http.Request, name string) {
	if strings.HasPrefix(name, "assets/") {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	if strings.HasSuffix(name, ".html") {
		w.Header().Set("Content-Security-Policy", contentSecurityPolicy)
	}
	if strings.HasSuffix(name, ".webmanifest") {
		// Not in Go's table of types; browsers expect this one.
		w.Header().Set("Content-Type", "application/manifest+json")
	}
	http.ServeFileFS(w, r, p.files, name)
}

// writeIndex answers with index.html, its head marker replaced by the
// feed links and head (which announce the feeds, so feed readers and
// browsers find them from any page) and its noscript marker by noscript.
func (p *pages) writeIndex(w http.ResponseWriter, r *http.Request, status int, head headView, noscript *noscriptView) {
	if p.index == "" {
		notFound(w, r)
		return
	}
	headHTML, err := render("head", head)
	if err != nil {
		writeError(w, r, models.Internal(err))
		return
	}
	noscriptHTML := ""
	if noscript != nil {
		if noscriptHTML, err = render("noscript", noscript); err != nil {
			writeError(w, r, models.Internal(err))
			return
		}
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	page := p.index
	if head.Title != "" {
		// The page's own title replaces the generic one.
		if start, end := strings.Index(page, "<title>"), strings.Index(page, "</title>"); start >= 0 && end > start {
			page = page[:start] + page[end+len("</title>"):]
		}
	}
	page = strings.Replace(page, headMarker, headHTML, 1)
	if noscriptHTML != "" {
		page = strings.Replace(page, noscriptMarker, noscriptHTML, 1)
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write([]byte(page)) //nolint:errcheck // the client went away
	}
}

// render executes one of the page parts.
func render(name string, data any) (string, error) {
	var b strings.Builder
	err := pageParts.ExecuteTemplate(&b, name, data)
	return b.String(), err
}

// headView is what the head part of a page shows.
type headView struct {
	// Title replaces the app's generic title when set.
	Title     string
	Canonical string
	NoIndex   bool
	Meta      []metaTag
	// ClaimReview is a schema.org document written as JSON-LD; nil for none.
	ClaimReview map[string]any
}

// metaTag is one <meta name=…> or, for Open Graph, <meta property=…> tag.
type metaTag struct {
	Property   bool
	Key, Value string
}

// noscriptView is an issue's text for readers without JavaScript.
type noscriptView struct {
	Number, Title, VerdictLabel, Summary string
	Responses                            []noscriptResponse
}

type noscriptResponse struct {
	Agency string
	// Body is sanitised by the API: no scripts, no raw HTML.
	Body template.HTML
}

// pageIssue is what an issue page needs from the API.
type pageIssue struct {
	Number       string  `json:"number"`
	Title        string  `json:"title"`
	Summary      string  `json:"summary"`
	Kind         string  `json:"kind"`
	Status       string  `json:"status"`
	Verdict      *string `json:"verdict"`
	VerdictLabel *string `json:"verdictLabel"`
	CreatedAt    string  `json:"createdAt"`
	UpdatedAt    string  `json:"updatedAt"`
	Agency       *struct {
		Name string `json:"name"`
	} `json:"agency"`
	Sources []struct {
		Platform   string  `json:"platform"`
		URL        *string `json:"url"`
		ClaimText  string  `json:"claimText"`
		DetectedAt string  `json:"detectedAt"`
	} `json:"sources"`
	Responses []struct {
		Status       string  `json:"status"`
		BodyHTML     string  `json:"bodyHTML"`
		VerdictLabel *string `json:"verdictLabel"`
		PublishedAt  *string `json:"publishedAt"`
		UpdatedAt    string  `json:"updatedAt"`
		Agency       struct {
			Name string `json:"name"`
		} `json:"agency"`
	} `json:"responses"`
}

const issuePageQuery = `query IssuePage($number: String!) {
  issue(number: $number) {
    number title summary kind status verdict verdictLabel createdAt updatedAt
    agency { name }
    sources { platform url claimText detectedAt }
    responses { status bodyHTML verdictLabel publishedAt updatedAt agency { name } }
  }
}`

// issuePage answers /isu/<number> with the issue's head tags, or with a 404
// page when the issue does not exist or is not public.
func (p *pages) issuePage(w http.ResponseWriter, r *http.Request, number string) {
	issue, err := p.fetchIssue(r, number)
	switch {
	case err != nil:
		// The app loads the issue itself; only the preview is lost.
		p.writeIndex(w, r, http.StatusOK, defaultHead(), nil)
	case issue == nil:
		p.writeIndex(w, r, http.StatusNotFound, headView{Title: "Isu tidak ditemukan · " + siteName, NoIndex: true}, nil)
	default:
		if t, err := time.Parse(time.RFC3339Nano, issue.UpdatedAt); err == nil {
			w.Header().Set("Last-Modified", t.UTC().Format(http.TimeFormat))
		}
		p.writeIndex(w, r, http.StatusOK, issueHead(issue, p.publicURL), issueNoscript(issue))
	}
}

// fetchIssue asks the GraphQL API for one issue as an anonymous client.
func (p *pages) fetchIssue(r *http.Request, number string) (*pageIssue, error) {
	body, err := json.Marshal(map[string]any{"query": issuePageQuery, "variables": map[string]string{"number": number}})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(r.Context(), http.MethodPost, "/graphql", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.RemoteAddr = r.RemoteAddr
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	rec := &bufferedResponse{header: http.Header{}}
	p.api.ServeHTTP(rec, req)
	var out struct {
		Data struct {
			Issue *pageIssue `json:"issue"`
		} `json:"data"`
		Errors []json.RawMessage `json:"errors"`
	}
	if err := json.Unmarshal(rec.body.Bytes(), &out); err != nil {
		return nil, err
	}
	if len(out.Errors) > 0 {
		return nil, errAPI
	}
	return out.Data.Issue, nil
}

var errAPI = errors.New("the API answered with errors")

// bufferedResponse collects an in-process API answer.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header         { return b.header }
func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }
func (b *bufferedResponse) WriteHeader(status int)      { b.status = status }

// defaultHead is the head of every page but an issue's: the portal's own
// link preview.
func defaultHead() headView {
	title := siteName + " · Klarifikasi dan tanggapan resmi pemerintah daerah"
	description := "Cek hoaks, keluhan dan pertanyaan warga beserta tanggapan resmi instansi pemerintah daerah, lengkap dengan riwayat dan waktu tanggapnya."
	return headView{Meta: metaTags("", title, description, "website")}
}

// issueHead is the head of an issue page.
func issueHead(issue *pageIssue, base string) headView {
	title := issue.Title
	description := issue.Summary
	if label := issueVerdictLabel(issue); label != "" {
		title = label + ": " + title
		description = "Status: " + label + ". " + description
	}
	if issue.Agency != nil {
		description += " Tanggapan resmi: " + issue.Agency.Name + "."
	}
	description = truncate(description, 300)
	url := ""
	if base != "" {
		url = base + "/isu/" + issue.Number
	}
	meta := metaTags(url, title, description, "article")
	if url != "" {
		meta = withShareCard(meta, url+"/kartu.png", shareCardAlt(issue))
	}
	return headView{
		Title:       title + " · " + siteName,
		Canonical:   url,
		Meta:        meta,
		ClaimReview: claimReview(issue, url),
	}
}

// withShareCard adds the issue's share card (server/sharecard.go) to its
// preview tags: og:image with its size and description, and the large
// Twitter card in place of the small one.
func withShareCard(tags []metaTag, image, alt string) []metaTag {
	out := make([]metaTag, 0, len(tags)+6)
	for _, t := range tags {
		if t.Key == "twitter:card" {
			t.Value = "summary_large_image"
		}
		out = append(out, t)
		if t.Key == "og:url" {
			out = append(out,
				metaTag{true, "og:image", image},
				metaTag{true, "og:image:type", "image/png"},
				metaTag{true, "og:image:width", strconv.Itoa(sharecard.Width)},
				metaTag{true, "og:image:height", strconv.Itoa(sharecard.Height)},
				metaTag{true, "og:image:alt", alt})
		}
	}
	return append(out, metaTag{false, "twitter:image", image}, metaTag{false, "twitter:image:alt", alt})
}

// shareCardAlt describes the share card for readers who cannot see it.
func shareCardAlt(issue *pageIssue) string {
	alt := "Kartu isu " + issue.Number
	if label := issueVerdictLabel(issue); label != "" {
		alt += ", putusan " + label
	}
	alt += ": " + issue.Title
	if issue.Agency != nil {
		alt += ". Tanggapan resmi " + issue.Agency.Name
	}
	return truncate(alt+".", 420)
}

// metaTags are the description, Open Graph and Twitter card tags; those
// without a value are left out.
func metaTags(url, title, description, kind string) []metaTag {
	all := []metaTag{
		{false, "description", description},
		{true, "og:site_name", siteName},
		{true, "og:locale", "id_ID"},
		{true, "og:type", kind},
		{true, "og:title", title},
		{true, "og:description", description},
		{true, "og:url", url},
		{false, "twitter:card", "summary"},
		{false, "twitter:title", title},
		{false, "twitter:description", description},
	}
	tags := all[:0]
	for _, t := range all {
		if t.Value != "" {
			tags = append(tags, t)
		}
	}
	return tags
}

// issueVerdictLabel is the verdict of the latest published response.
func issueVerdictLabel(issue *pageIssue) string {
	if issue.VerdictLabel != nil {
		return *issue.VerdictLabel
	}
	return ""
}

// ratingValues place each verdict on ClaimReview's 1–5 scale; a claim that
// is not proven either way gets no number, only its name.
var ratingValues = map[string]int{"FALSE": 1, "MISLEADING": 2, "PARTLY_TRUE": 3, "TRUE": 5}

// claimReview is the schema.org ClaimReview of a misinformation issue with
// a published verdict; nil otherwise.
func claimReview(issue *pageIssue, url string) map[string]any {
	if issue.Kind != "MISINFORMATION" || issue.Verdict == nil || issue.VerdictLabel == nil {
		return nil
	}
	var published, author string
	for _, resp := range issue.Responses {
		if resp.Status == "PUBLISHED" && resp.PublishedAt != nil {
			if published == "" || *resp.PublishedAt < published {
				published, author = *resp.PublishedAt, resp.Agency.Name
			}
		}
	}
	if published == "" {
		return nil
	}
	rating := map[string]any{"@type": "Rating", "alternateName": *issue.VerdictLabel}
	if v, ok := ratingValues[*issue.Verdict]; ok {
		rating["ratingValue"] = v
		rating["bestRating"] = 5
		rating["worstRating"] = 1
	}
	claim := map[string]any{"@type": "Claim"}
	var appearances []map[string]any
	var firstSeen string
	for _, src := range issue.Sources {
		if firstSeen == "" || src.DetectedAt < firstSeen {
			firstSeen = src.DetectedAt
		}
		if src.URL != nil && *src.URL != "" {
			appearances = append(appearances, map[string]any{"@type": "CreativeWork", "url": *src.URL})
		}
	}
	if firstSeen != "" {
		claim["datePublished"] = isoTime(firstSeen)
	}
	if len(appearances) > 0 {
		claim["appearance"] = appearances
		claim["firstAppearance"] = appearances[0]
	}
	claimText := issue.Summary
	if len(issue.Sources) > 0 && issue.Sources[0].ClaimText != "" {
		claimText = issue.Sources[0].ClaimText
	}
	doc := map[string]any{
		"@context":      "https://schema.org",
		"@type":         "ClaimReview",
		"name":          issue.Title,
		"claimReviewed": truncate(claimText, 500),
		"datePublished": isoTime(published),
		"author":        map[string]any{"@type": "Organization", "name": author},
		"reviewRating":  rating,
		"itemReviewed":  claim,
		"inLanguage":    "id",
	}
	if url != "" {
		doc["url"] = url
	}
	// html/template writes it with json.Marshal, which escapes <, > and &,
	// so the text cannot close the script element.
	return doc
}

// issueNoscript is the issue's text for readers without JavaScript: its
// published responses only.
func issueNoscript(issue *pageIssue) *noscriptView {
	view := &noscriptView{Number: issue.Number, Title: issue.Title, VerdictLabel: issueVerdictLabel(issue), Summary: issue.Summary}
	for _, resp := range issue.Responses {
		if resp.Status == "PUBLISHED" {
			// bodyHTML is sanitised by the API: no scripts, no raw HTML.
			view.Responses = append(view.Responses, noscriptResponse{Agency: resp.Agency.Name, Body: template.HTML(resp.BodyHTML)}) //nolint:gosec // sanitised by the API
		}
	}
	return view
}

// isoTime drops the fraction of a second from an RFC 3339 time.
func isoTime(rfc3339 string) string {
	t, err := time.Parse(time.RFC3339Nano, rfc3339)
	if err != nil {
		return rfc3339
	}
	return t.Format(time.RFC3339)
}

// truncate shortens s to at most n runes, on a word boundary when it can.
func truncate(s string, n int) string {
	runes := []rune(strings.Join(strings.Fields(s), " "))
	if len(runes) <= n {
		return string(runes)
	}
	cut := string(runes[:n-1])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
