package server

import (
	"context"
	"encoding/xml"
	"net/http"
	"net/url"
	"time"

	"github.com/kotabaru/tanggap/models"
)

// feedSize is how many issues a feed lists.
const feedSize = 50

// feedItem is one answered issue as the feeds present it.
type feedItem struct {
	Issue    *models.Issue
	Agency   *models.Agency
	Response *models.Response // the latest published response; nil if none
	Sources  []*models.IssueSource
}

// feedData is what every feed format is built from.
type feedData struct {
	Agency  *models.Agency // the agency of ?agency=, or nil for all
	Items   []feedItem
	Updated time.Time
}

// loadFeed reads the most recently answered or corrected public issues,
// optionally of one agency, through the same visibility rules as an
// anonymous API call: nothing internal, nothing personal can appear. It
// answers the request itself (400, 404, 500) and returns nil when it cannot.
func (s *Server) loadFeed(w http.ResponseWriter, r *http.Request) *feedData {
	ctx := models.NewContextWithUser(r.Context(), nil)
	data := &feedData{Updated: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	slug := r.URL.Query().Get("agency")
	if slug != "" {
		if err := models.ValidateSlug("agency", slug); err != nil {
			writeError(w, r, err)
			return nil
		}
		agency, err := s.cfg.Services.Agencies.AgencyBySlug(ctx, slug)
		if models.ErrorCode(err) == models.ENOTFOUND || models.ErrorCode(err) == models.EINVALID {
			writeError(w, r, models.Errorf(models.ENOTFOUND, "Instansi tidak ditemukan: %s", slug))
			return nil
		}
		if err != nil {
			writeError(w, r, err)
			return nil
		}
		data.Agency = agency
	}
	items, err := s.feedItems(ctx, slug)
	if err != nil {
		writeError(w, r, err)
		return nil
	}
	data.Items = items
	if len(items) > 0 {
		data.Updated = items[0].Issue.UpdatedAt.UTC()
	}
	w.Header().Set("Last-Modified", data.Updated.Format(http.TimeFormat))
	w.Header().Set("Access-Control-Allow-Origin", "*")
	return data
}

// feedItems reads the issues of a feed, newest change first, with their
// agency, latest published response and sources, in four reads whatever
// their number.
func (s *Server) feedItems(ctx context.Context, agencySlug string) ([]feedItem, error) {
	page, err := s.cfg.Services.Issues.FindIssues(ctx, models.IssueFilter{
		Statuses:   []models.IssueStatus{models.StatusAnswered, models.StatusClosed},
		AgencySlug: agencySlug,
		Order:      models.OrderRecentlyUpdated,
		First:      feedSize,
	})
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(page.Issues))
	for i, issue := range page.Issues {
		ids[i] = issue.ID
	}
	agencies, err := s.cfg.Services.Agencies.Agencies(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*models.Agency{}
	for _, a := range agencies {
		byID[a.ID] = a
	}
	responses, err := s.cfg.Services.Responses.ResponsesByIssueIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	latest := map[int64]*models.Response{}
	for _, resp := range responses {
		if resp.Status != models.ResponsePublished {
			continue
		}
		if prev := latest[resp.IssueID]; prev == nil || resp.UpdatedAt.After(prev.UpdatedAt) {
			latest[resp.IssueID] = resp
		}
	}
	sources, err := s.cfg.Services.Issues.SourcesByIssueIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	sourcesOf := map[int64][]*models.IssueSource{}
	for _, src := range sources {
		sourcesOf[src.IssueID] = append(sourcesOf[src.IssueID], src)
	}
	items := make([]feedItem, 0, len(page.Issues))
	for _, issue := range page.Issues {
		item := feedItem{Issue: issue, Response: latest[issue.ID], Sources: sourcesOf[issue.ID]}
		if issue.AgencyID != nil {
			item.Agency = byID[*issue.AgencyID]
		}
		items = append(items, item)
	}
	return items, nil
}

// feedURL is the feed's own address: the configured public address, the
// path and the agency filter.
func (s *Server) feedURL(path string, data *feedData) string {
	u := s.cfg.PublicURL + path
	if data.Agency != nil {
		u += "?agency=" + url.QueryEscape(data.Agency.Slug)
	}
	return u
}

// homeURL is the page a feed is the feed of: the portal, or the agency's
// page.
func (s *Server) homeURL(data *feedData) string {
	if data.Agency != nil {
		return s.cfg.PublicURL + "/instansi/" + data.Agency.Slug
	}
	return s.cfg.PublicURL + "/"
}

func (s *Server) issueURL(number string) string { return s.cfg.PublicURL + "/isu/" + number }

// kindLabels name each kind of issue in Indonesian.
var kindLabels = map[models.IssueKind]string{
	models.KindMisinformation: "Misinformasi", models.KindComplaint: "Keluhan", models.KindQuestion: "Pertanyaan",
	models.KindInformationRequest: "Permintaan informasi", models.KindAspiration: "Aspirasi",
}

// feedTitle names the feed in Indonesian.
func feedTitle(data *feedData) string {
	if data.Agency != nil {
		return "Tanggap — jawaban resmi " + data.Agency.Name
	}
	return "Tanggap — klarifikasi dan jawaban resmi pemerintah daerah"
}

// itemTitle prefixes the verdict, so a reader sees "[Hoaks] …" at a glance.
func itemTitle(item feedItem) string {
	if item.Issue.Verdict != nil {
		return "[" + item.Issue.Verdict.Label() + "] " + item.Issue.Title
	}
	return item.Issue.Title
}

func itemAuthor(item feedItem) string {
	if item.Agency != nil {
		return item.Agency.Name
	}
	return "Pemerintah Daerah"
}

// itemPublished is when the official answer was first published.
func itemPublished(item feedItem) time.Time {
	if item.Issue.AnsweredAt != nil {
		return item.Issue.AnsweredAt.UTC()
	}
	if item.Response != nil && item.Response.PublishedAt != nil {
		return item.Response.PublishedAt.UTC()
	}
	return item.Issue.CreatedAt.UTC()
}

// atomDoc is the Atom document (RFC 4287) of the latest official answers.
type atomDoc struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Author   string      `xml:"author>name"`
	Links    []atomLink  `xml:"link"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Text string `xml:",chardata"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Links      []atomLink     `xml:"link"`
	Author     string         `xml:"author>name"`
	Summary    atomText       `xml:"summary"`
	Content    *atomText      `xml:"content,omitempty"`
	Categories []atomCategory `xml:"category"`
}

// atomFeed serves /feed.xml (and /feed.xml?agency=SLUG): the 50 most
// recently answered or corrected public issues as Atom, each with its
// official answer as HTML. Ids and links come from the configured public
// address, so they are the same whichever host name a reader used.
func (s *Server) atomFeed(w http.ResponseWriter, r *http.Request) {
	data := s.loadFeed(w, r)
	if data == nil {
		return
	}
	doc := atomDoc{
		Lang:     "id",
		Title:    feedTitle(data),
		Subtitle: "Hoaks yang diklarifikasi, keluhan dan pertanyaan warga beserta jawaban resmi instansi.",
		ID:       s.feedURL("/feed.xml", data),
		Updated:  data.Updated.Format(time.RFC3339),
		Author:   "Tanggap",
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: s.feedURL("/feed.xml", data)},
			{Rel: "alternate", Type: "text/html", Href: s.homeURL(data)},
		},
	}
	for _, item := range data.Items {
		issue := item.Issue
		entry := atomEntry{
			Title:      itemTitle(item),
			ID:         s.issueURL(issue.Number),
			Published:  itemPublished(item).Format(time.RFC3339),
			Updated:    issue.UpdatedAt.UTC().Format(time.RFC3339),
			Links:      []atomLink{{Rel: "alternate", Type: "text/html", Href: s.issueURL(issue.Number)}},
			Author:     itemAuthor(item),
			Summary:    atomText{Type: "text", Text: issue.Summary},
			Categories: []atomCategory{{Term: string(issue.Kind), Label: kindLabels[issue.Kind]}},
		}
		if item.Response != nil {
			entry.Content = &atomText{Type: "html", Text: item.Response.BodyHTML}
		}
		if issue.Verdict != nil {
			entry.Categories = append(entry.Categories, atomCategory{Term: string(*issue.Verdict), Label: issue.Verdict.Label()})
		}
		doc.Entries = append(doc.Entries, entry)
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write([]byte(xml.Header))   //nolint:errcheck // the client went away
	xml.NewEncoder(w).Encode(doc) //nolint:errcheck // the client went away
}
