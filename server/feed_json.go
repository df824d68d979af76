package server

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/kotabaru/tanggap/models"
)

// jsonFeed serves /feed.json: the same items as /feed.xml in JSON Feed 1.1
// (https://jsonfeed.org/version/1.1).
func (s *Server) jsonFeed(w http.ResponseWriter, r *http.Request) {
	data := s.loadFeed(w, r)
	if data == nil {
		return
	}
	type author struct {
		Name string `json:"name"`
		URL  string `json:"url,omitempty"`
	}
	type item struct {
		ID            string   `json:"id"`
		URL           string   `json:"url"`
		Title         string   `json:"title"`
		ContentHTML   string   `json:"content_html,omitempty"`
		ContentText   string   `json:"content_text,omitempty"`
		Summary       string   `json:"summary"`
		DatePublished string   `json:"date_published"`
		DateModified  string   `json:"date_modified"`
		Authors       []author `json:"authors"`
		Tags          []string `json:"tags"`
		Language      string   `json:"language"`
	}
	doc := struct {
		Version     string   `json:"version"`
		Title       string   `json:"title"`
		HomePageURL string   `json:"home_page_url"`
		FeedURL     string   `json:"feed_url"`
		Description string   `json:"description"`
		Language    string   `json:"language"`
		Authors     []author `json:"authors"`
		Items       []item   `json:"items"`
	}{
		Version:     "https://jsonfeed.org/version/1.1",
		Title:       feedTitle(data),
		HomePageURL: s.homeURL(data),
		FeedURL:     s.feedURL("/feed.json", data),
		Description: "Hoaks yang diklarifikasi, keluhan dan pertanyaan warga beserta jawaban resmi instansi.",
		Language:    "id",
		Authors:     []author{{Name: "Tanggap", URL: s.cfg.PublicURL + "/"}},
		Items:       []item{},
	}
	for _, it := range data.Items {
		issue := it.Issue
		entry := item{
			ID:            s.issueURL(issue.Number),
			URL:           s.issueURL(issue.Number),
			Title:         itemTitle(it),
			Summary:       issue.Summary,
			DatePublished: itemPublished(it).Format(time.RFC3339),
			DateModified:  issue.UpdatedAt.UTC().Format(time.RFC3339),
			Authors:       []author{{Name: itemAuthor(it)}},
			Tags:          []string{kindLabels[issue.Kind]},
			Language:      "id",
		}
		if it.Agency != nil {
			entry.Authors[0].URL = s.cfg.PublicURL + "/instansi/" + it.Agency.Slug
		}
		if it.Response != nil {
			entry.ContentHTML = it.Response.BodyHTML
		} else {
			entry.ContentText = issue.Summary
		}
		if issue.Verdict != nil {
			entry.Tags = append(entry.Tags, issue.Verdict.Label())
		}
		doc.Items = append(doc.Items, entry)
	}
	w.Header().Set("Content-Type", "application/feed+json; charset=utf-8")
	json.NewEncoder(w).Encode(doc) //nolint:errcheck // the client went away
}

// claimReviewFeed serves /claimreview.json: the answered misinformation of
// the feed as a schema.org DataFeed of ClaimReview items, the form fact-check
// aggregators (Google's Fact Check Tools among them) read.
func (s *Server) claimReviewFeed(w http.ResponseWriter, r *http.Request) {
	data := s.loadFeed(w, r)
	if data == nil {
		return
	}
	elements := []map[string]any{}
	for _, it := range data.Items {
		review := s.claimReviewOf(it)
		if review == nil {
			continue
		}
		elements = append(elements, map[string]any{
			"@type":        "DataFeedItem",
			"dateCreated":  itemPublished(it).Format(time.RFC3339),
			"dateModified": it.Issue.UpdatedAt.UTC().Format(time.RFC3339),
			"item":         []any{review},
		})
	}
	doc := map[string]any{
		"@context":        "https://schema.org",
		"@type":           "DataFeed",
		"name":            feedTitle(data),
		"url":             s.feedURL("/claimreview.json", data),
		"dateModified":    data.Updated.Format(time.RFC3339),
		"inLanguage":      "id",
		"dataFeedElement": elements,
	}
	w.Header().Set("Content-Type", "application/ld+json; charset=utf-8")
	json.NewEncoder(w).Encode(doc) //nolint:errcheck // the client went away
}

// claimReviewOf is the ClaimReview of an answered misinformation issue with
// a verdict; nil for anything else.
func (s *Server) claimReviewOf(it feedItem) map[string]any {
	issue := it.Issue
	if issue.Kind != models.KindMisinformation || issue.Verdict == nil || it.Response == nil {
		return nil
	}
	rating := map[string]any{"@type": "Rating", "alternateName": issue.Verdict.Label()}
	if v, ok := ratingValues[string(*issue.Verdict)]; ok {
		rating["ratingValue"] = v
		rating["bestRating"] = 5
		rating["worstRating"] = 1
	}
	claim := map[string]any{"@type": "Claim"}
	claimText := issue.Summary
	var appearances []map[string]any
	var firstSeen time.Time
	for _, src := range it.Sources {
		if firstSeen.IsZero() || src.DetectedAt.Before(firstSeen) {
			firstSeen = src.DetectedAt
		}
		if src.URL != "" {
			appearances = append(appearances, map[string]any{"@type": "CreativeWork", "url": src.URL})
		}
	}
	if len(it.Sources) > 0 && it.Sources[0].ClaimText != "" {
		claimText = it.Sources[0].ClaimText
	}
	if !firstSeen.IsZero() {
		claim["datePublished"] = firstSeen.UTC().Format(time.RFC3339)
	}
	if len(appearances) > 0 {
		claim["appearance"] = appearances
		claim["firstAppearance"] = appearances[0]
	}
	return map[string]any{
		"@context":      "https://schema.org",
		"@type":         "ClaimReview",
		"url":           s.issueURL(issue.Number),
		"name":          issue.Title,
		"claimReviewed": truncate(claimText, 500),
		"datePublished": itemPublished(it).Format(time.RFC3339),
		"author":        map[string]any{"@type": "Organization", "name": itemAuthor(it), "url": s.cfg.PublicURL + "/"},
		"reviewRating":  rating,
		"itemReviewed":  claim,
		"inLanguage":    "id",
	}
}
