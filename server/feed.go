package server

import (
	"encoding/xml"
	"net/http"
	"strings"
	"time"

	"github.com/kotabaru/tanggap/models"
)

// atomFeed is the Atom document of the latest official answers.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	Title    string   `xml:"title"`
	ID       string   `xml:"id"`
	Updated  string   `xml:"updated"`
	Link     atomLink `xml:"link"`
	Author   string   `xml:"author>name"`
	Summary  string   `xml:"summary"`
	Category []struct {
		Term string `xml:"term,attr"`
	} `xml:"category"`
}

// feed serves /feed.xml: the 50 most recently answered or corrected public
// issues, optionally of one agency (?agency=slug), as Atom. It reads through
// the same visibility rules as an anonymous API call, so nothing internal or
// personal can appear in it.
func (s *Server) feed(w http.ResponseWriter, r *http.Request) {
	ctx := models.NewContextWithUser(r.Context(), nil)
	agencySlug := r.URL.Query().Get("agency")
	page, err := s.cfg.Store.FindIssues(ctx, models.IssueFilter{
		Statuses:   []models.IssueStatus{models.StatusAnswered, models.StatusClosed},
		AgencySlug: agencySlug,
		Order:      models.OrderRecentlyUpdated,
		First:      50,
	})
	if err != nil {
		if models.ErrorCode(err) == models.EINTERNAL {
			http.Error(w, "kesalahan internal", http.StatusInternalServerError)
			return
		}
		http.Error(w, models.ErrorMessage(err), http.StatusBadRequest)
		return
	}
	agencies, err := s.cfg.Store.Agencies(ctx)
	if err != nil {
		http.Error(w, "kesalahan internal", http.StatusInternalServerError)
		return
	}
	names := map[int64]string{}
	for _, a := range agencies {
		names[a.ID] = a.Name
	}
	base := "https://" + r.Host
	if r.TLS == nil && !s.cfg.TrustProxy {
		base = "http://" + r.Host
	}
	doc := atomFeed{
		Title:   "Tanggap — klarifikasi dan jawaban resmi pemerintah daerah",
		ID:      base + "/feed.xml",
		Updated: time.Now().UTC().Format(time.RFC3339),
		Links:   []atomLink{{Rel: "self", Href: base + r.URL.RequestURI()}, {Href: base + "/"}},
	}
	if agencySlug != "" {
		doc.ID += "?agency=" + agencySlug
	}
	for _, i := range page.Issues {
		title := i.Title
		if i.Verdict != nil {
			title = "[" + i.Verdict.Label() + "] " + title
		}
		entry := atomEntry{
			Title:   title,
			ID:      base + "/isu/" + i.Number,
			Updated: i.UpdatedAt.UTC().Format(time.RFC3339),
			Link:    atomLink{Href: base + "/isu/" + i.Number},
			Author:  "Pemerintah Daerah",
			Summary: i.Summary,
		}
		if i.AgencyID != nil {
			entry.Author = names[*i.AgencyID]
		}
		entry.Category = append(entry.Category, struct {
			Term string `xml:"term,attr"`
		}{Term: strings.ToLower(string(i.Kind))})
		doc.Entries = append(doc.Entries, entry)
	}
	if len(page.Issues) > 0 {
		doc.Updated = page.Issues[0].UpdatedAt.UTC().Format(time.RFC3339)
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Write([]byte(xml.Header))   //nolint:errcheck
	xml.NewEncoder(w).Encode(doc) //nolint:errcheck // the client went away
}
