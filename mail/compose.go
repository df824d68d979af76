package mail

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"net/url"
	"strings"
	texttemplate "text/template"

	"github.com/kotabaru/tanggap/models"
)

// Kind is what a notification is about; each has its own templates.
type Kind string

// The notifications. The first five go to the person who asked a question,
// the confirmation to whoever subscribes, the last four to followers.
const (
	KindReceipt         Kind = "receipt"          // question received, with its tracking code
	KindLinked          Kind = "linked"           // question linked to an issue
	KindAnswered        Kind = "answered"         // the official answer to the asker's issue is published
	KindRevised         Kind = "revised"          // that answer was corrected
	KindRejected        Kind = "rejected"         // question rejected, with the reason
	KindConfirm         Kind = "confirm"          // double opt-in of a subscription
	KindIssueAnswered   Kind = "issue_answered"   // a followed issue is answered
	KindIssueRevised    Kind = "issue_revised"    // the answer of a followed issue is corrected
	KindAgencyPublished Kind = "agency_published" // a followed agency published an answer
	KindSearchDigest    Kind = "search_digest"    // new answered issues match a saved search
)

// Kinds lists every kind.
var Kinds = []Kind{KindReceipt, KindLinked, KindAnswered, KindRevised, KindRejected, KindConfirm,
	KindIssueAnswered, KindIssueRevised, KindAgencyPublished, KindSearchDigest}

// Issue is what a message says about an issue.
type Issue struct {
	Number  string // KTB-2026-000123
	Title   string
	Verdict models.Verdict // optional
	Agency  string         // the answering agency's name, optional
}

// Agency is a followed agency.
type Agency struct {
	Slug string
	Name string
}

// Notification is everything a message needs. Which fields are required
// depends on Kind (Compose names any that is missing):
//
//	receipt           TrackingCode (Question optional)
//	linked            TrackingCode, Issue
//	answered, revised TrackingCode, Issue (Reason: the public reason of a correction, optional)
//	rejected          TrackingCode, Reason
//	confirm           ConfirmToken and one of Issue, Agency, Search
//	issue_answered    Issue
//	issue_revised     Issue (Reason optional)
//	agency_published  Agency, Issue
//	search_digest     Search, Items (one or more)
//
// ID, To and StopToken are always required.
type Notification struct {
	// ID identifies the notification (the job's id); the Message-ID is
	// derived from it, so a message sent again after a crash is recognised.
	ID           string
	Kind         Kind
	To           string
	StopToken    string // the stop link and List-Unsubscribe: PUBLIC_URL/langganan/berhenti/<token>
	ConfirmToken string // PUBLIC_URL/langganan/<token>
	TrackingCode string
	Question     string // the asker's words, shortened by Compose
	Issue        Issue
	Agency       Agency
	Search       string
	Items        []Issue
	Reason       string
}

// Message is a composed e-mail, ready for Sender.Send.
type Message struct {
	ID      string // the notification's id; see MessageID
	To      string
	Subject string
	Text    string
	HTML    string
	// Unsubscribe is the absolute one-click stop URL, sent as
	// List-Unsubscribe with List-Unsubscribe-Post: List-Unsubscribe=One-Click.
	Unsubscribe string
}

//go:embed templates
var templateFS embed.FS

// Composer renders notifications with links under one public base URL.
type Composer struct {
	base   *url.URL
	portal string
	text   map[Kind]*texttemplate.Template
	html   map[Kind]*htmltemplate.Template
}

// NewComposer parses the embedded templates. publicURL is TANGGAP_PUBLIC_URL,
// the absolute base of every link (a request's Host header is never used);
// portal is the name signed under every message (empty: "Tanggap").
func NewComposer(publicURL, portal string) (*Composer, error) {
	base, err := url.Parse(strings.TrimRight(publicURL, "/"))
	if err != nil || (base.Scheme != "https" && base.Scheme != "http") || base.Host == "" {
		return nil, fmt.Errorf("mail: TANGGAP_PUBLIC_URL %q must be an absolute http(s) URL", publicURL)
	}
	base.RawQuery, base.Fragment = "", ""
	if portal == "" {
		portal = "Tanggap"
	}
	c := &Composer{base: base, portal: portal, text: map[Kind]*texttemplate.Template{}, html: map[Kind]*htmltemplate.Template{}}
	for _, k := range Kinds {
		t, err := texttemplate.New("layout.txt").Option("missingkey=error").
			ParseFS(templateFS, "templates/layout.txt", "templates/"+string(k)+".txt")
		if err != nil {
			return nil, fmt.Errorf("mail: text template %s: %w", k, err)
		}
		h, err := htmltemplate.New("layout.html").Option("missingkey=error").
			ParseFS(templateFS, "templates/layout.html", "templates/"+string(k)+".html")
		if err != nil {
			return nil, fmt.Errorf("mail: HTML template %s: %w", k, err)
		}
		c.text[k], c.html[k] = t, h
	}
	return c, nil
}

// link is an absolute URL under the public base; each segment is escaped
// whole, so a token cannot add a path level.
func (c *Composer) link(segments ...string) string {
	var b strings.Builder
	b.WriteString(strings.TrimRight(c.base.String(), "/"))
	for _, s := range segments {
		b.WriteByte('/')
		b.WriteString(url.PathEscape(s))
	}
	return b.String()
}

// IssueURL, TrackURL, ConfirmURL and StopURL are the portal's public links.
func (c *Composer) IssueURL(number string) string  { return c.link("isu", number) }
func (c *Composer) TrackURL(code string) string    { return c.link("lacak", code) }
func (c *Composer) ConfirmURL(token string) string { return c.link("langganan", token) }
func (c *Composer) StopURL(token string) string    { return c.link("langganan", "berhenti", token) }
func (c *Composer) AgencyURL(slug string) string   { return c.link("instansi", slug) }

// SearchURL is the portal's search for q.
func (c *Composer) SearchURL(q string) string {
	u := *c.base
	u.Path = strings.TrimRight(u.Path, "/") + "/"
	u.RawQuery = url.Values{"q": {q}}.Encode()
	return u.String()
}

// issueView is an issue with its link and verdict label.
type issueView struct {
	Issue
	URL          string
	VerdictLabel string
}

// view is what the templates see.
type view struct {
	Subject      string
	Portal       string
	HomeURL      string
	StopURL      string
	ConfirmURL   string
	TrackURL     string
	TrackingCode string
	Question     string
	Issue        issueView
	Agency       Agency
	AgencyURL    string
	Search       string
	SearchURL    string
	Items        []issueView
	Reason       string
}

// button is a link drawn as a button in the HTML part.
type button struct{ URL, Label string }

// Button pairs a link with its label for the "button" template.
func (v view) Button(url, label string) button { return button{url, label} }

func (c *Composer) issueView(i Issue) issueView {
	v := issueView{Issue: i}
	if i.Number != "" {
		v.URL = c.IssueURL(i.Number)
	}
	if i.Verdict != "" {
		v.VerdictLabel = i.Verdict.Label()
	}
	return v
}

// Compose renders n. Its errors name the missing or invalid field.
func (c *Composer) Compose(n Notification) (Message, error) {
	if err := validate(n); err != nil {
		return Message{}, err
	}
	v := view{
		Portal:       c.portal,
		HomeURL:      c.link() + "/",
		StopURL:      c.StopURL(n.StopToken),
		TrackingCode: n.TrackingCode,
		Question:     shorten(n.Question, 300),
		Issue:        c.issueView(n.Issue),
		Agency:       n.Agency,
		Search:       n.Search,
		Reason:       strings.TrimSpace(n.Reason),
	}
	if n.TrackingCode != "" {
		v.TrackURL = c.TrackURL(n.TrackingCode)
	}
	if n.ConfirmToken != "" {
		v.ConfirmURL = c.ConfirmURL(n.ConfirmToken)
	}
	if n.Agency.Slug != "" {
		v.AgencyURL = c.AgencyURL(n.Agency.Slug)
	}
	if n.Search != "" {
		v.SearchURL = c.SearchURL(n.Search)
	}
	for _, item := range n.Items {
		v.Items = append(v.Items, c.issueView(item))
	}
	var subject, text, html bytes.Buffer
	if err := c.text[n.Kind].ExecuteTemplate(&subject, "subject", v); err != nil {
		return Message{}, fmt.Errorf("mail: subject of %s: %w", n.Kind, err)
	}
	v.Subject = strings.Join(strings.Fields(subject.String()), " ")
	if err := c.text[n.Kind].Execute(&text, v); err != nil {
		return Message{}, fmt.Errorf("mail: text of %s: %w", n.Kind, err)
	}
	if err := c.html[n.Kind].Execute(&html, v); err != nil {
		return Message{}, fmt.Errorf("mail: HTML of %s: %w", n.Kind, err)
	}
	return Message{
		ID:          n.ID,
		To:          n.To,
		Subject:     v.Subject,
		Text:        tidyText(text.String()),
		HTML:        html.String(),
		Unsubscribe: v.StopURL,
	}, nil
}

func validate(n Notification) error {
	missing := func(field string) error {
		return fmt.Errorf("mail: a %s notification needs %s", n.Kind, field)
	}
	if !validKind(n.Kind) {
		return fmt.Errorf("mail: unknown notification kind %q", n.Kind)
	}
	if n.ID == "" {
		return missing("ID")
	}
	if strings.TrimSpace(n.To) == "" {
		return missing("To")
	}
	if n.StopToken == "" {
		return missing("StopToken")
	}
	switch n.Kind {
	case KindReceipt, KindLinked, KindAnswered, KindRevised, KindRejected:
		if n.TrackingCode == "" {
			return missing("TrackingCode")
		}
	}
	switch n.Kind {
	case KindLinked, KindAnswered, KindRevised, KindIssueAnswered, KindIssueRevised, KindAgencyPublished:
		if n.Issue.Number == "" || n.Issue.Title == "" {
			return missing("Issue.Number and Issue.Title")
		}
	case KindRejected:
		if strings.TrimSpace(n.Reason) == "" {
			return missing("Reason")
		}
	case KindConfirm:
		if n.ConfirmToken == "" {
			return missing("ConfirmToken")
		}
		if n.Issue.Number == "" && n.Agency.Slug == "" && n.Search == "" {
			return missing("one of Issue, Agency or Search")
		}
	case KindSearchDigest:
		if n.Search == "" || len(n.Items) == 0 {
			return missing("Search and at least one item")
		}
		for i, item := range n.Items {
			if item.Number == "" || item.Title == "" {
				return missing(fmt.Sprintf("Items[%d].Number and .Title", i))
			}
		}
	}
	if n.Kind == KindAgencyPublished && (n.Agency.Slug == "" || n.Agency.Name == "") {
		return missing("Agency.Slug and Agency.Name")
	}
	return nil
}

func validKind(k Kind) bool {
	for _, known := range Kinds {
		if k == known {
			return true
		}
	}
	return false
}

// shorten cuts s to at most n runes on a word boundary, with an ellipsis.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	runes := []rune(s)
	if len(runes) <= n {
		return s
	}
	cut := string(runes[:n])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}

// tidyText trims trailing spaces and collapses runs of blank lines left by
// template actions.
func tidyText(s string) string {
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	blank := false
	for _, line := range lines {
		line = strings.TrimRight(line, " \t")
		if line == "" {
			if blank || len(out) == 0 {
				continue
			}
			blank = true
		} else {
			blank = false
		}
		out = append(out, line)
	}
	return strings.TrimRight(strings.Join(out, "\n"), "\n") + "\n"
}
