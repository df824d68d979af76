package server

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kotabaru/tanggap/models"
)

// maxSitemapURLs is the sitemap protocol's limit of addresses per file.
const maxSitemapURLs = 50000

// sitemapURL is one address of the sitemap.
type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// publicPages lists every public page: the portal's fixed pages, every
// agency and every public issue, read as an anonymous caller.
func (s *Server) publicPages(ctx context.Context) ([]sitemapURL, error) {
	ctx = models.NewContextWithUser(ctx, nil)
	base := s.cfg.PublicURL
	urls := []sitemapURL{{Loc: base + "/"}, {Loc: base + "/instansi"}, {Loc: base + "/open-data/"}}
	agencies, err := s.cfg.Services.Agencies.Agencies(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range agencies {
		urls = append(urls, sitemapURL{Loc: base + "/instansi/" + a.Slug})
	}
	err = eachPublicIssue(ctx, s.cfg.Services.Issues, models.OrderNewest, func(issue *models.Issue) error {
		urls = append(urls, sitemapURL{Loc: s.issueURL(issue.Number), LastMod: issue.UpdatedAt.UTC().Format(time.RFC3339)})
		return nil
	})
	return urls, err
}

// issueFinder is the part of the issue service that lists issues.
type issueFinder interface {
	FindIssues(ctx context.Context, filter models.IssueFilter) (*models.IssuePage, error)
}

// eachPublicIssue calls fn for every issue the context's caller may see,
// a page at a time.
func eachPublicIssue(ctx context.Context, issues issueFinder, order models.IssueOrder, fn func(*models.Issue) error) error {
	after := ""
	for {
		page, err := issues.FindIssues(ctx, models.IssueFilter{Order: order, First: 100, After: after})
		if err != nil {
			return err
		}
		for _, issue := range page.Issues {
			if err := fn(issue); err != nil {
				return err
			}
		}
		if !page.HasNextPage || len(page.Cursors) == 0 {
			return nil
		}
		after = page.Cursors[len(page.Cursors)-1]
	}
}

// sitemap serves /sitemap.xml: every public page when they fit in one
// file, otherwise an index of /sitemaps/N.xml files.
func (s *Server) sitemap(w http.ResponseWriter, r *http.Request) {
	urls, err := s.sitemapURLs.get(func() ([]sitemapURL, error) { return s.publicPages(r.Context()) })
	if err != nil {
		writeError(w, r, err)
		return
	}
	per := s.cfg.SitemapURLsPerFile
	if len(urls) <= per {
		writeURLSet(w, urls)
		return
	}
	type entry struct {
		Loc string `xml:"loc"`
	}
	index := struct {
		XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Sitemaps []entry  `xml:"sitemap"`
	}{}
	for n := 1; (n-1)*per < len(urls); n++ {
		index.Sitemaps = append(index.Sitemaps, entry{Loc: fmt.Sprintf("%s/sitemaps/%d.xml", s.cfg.PublicURL, n)})
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Write([]byte(xml.Header))     //nolint:errcheck // the client went away
	xml.NewEncoder(w).Encode(index) //nolint:errcheck // the client went away
}

// sitemapPage serves /sitemaps/N.xml, the Nth file of the index.
func (s *Server) sitemapPage(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("page")
	n, err := strconv.Atoi(strings.TrimSuffix(name, ".xml"))
	if err != nil || n < 1 || !strings.HasSuffix(name, ".xml") {
		notFound(w, r)
		return
	}
	urls, err := s.sitemapURLs.get(func() ([]sitemapURL, error) { return s.publicPages(r.Context()) })
	if err != nil {
		writeError(w, r, err)
		return
	}
	per := s.cfg.SitemapURLsPerFile
	start := (n - 1) * per
	if len(urls) <= per || start >= len(urls) {
		notFound(w, r)
		return
	}
	writeURLSet(w, urls[start:min(start+per, len(urls))])
}

func writeURLSet(w http.ResponseWriter, urls []sitemapURL) {
	set := struct {
		XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []sitemapURL `xml:"url"`
	}{URLs: urls}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Write([]byte(xml.Header))   //nolint:errcheck // the client went away
	xml.NewEncoder(w).Encode(set) //nolint:errcheck // the client went away
}

// robots serves /robots.txt: everything public may be crawled, the staff
// console and the API may not, and the sitemap says where the pages are.
func (s *Server) robots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	fmt.Fprintf(w, "User-agent: *\nAllow: /\nDisallow: /staf/\nDisallow: /graphql\nDisallow: /export/\n\nSitemap: %s/sitemap.xml\n", s.cfg.PublicURL)
}
