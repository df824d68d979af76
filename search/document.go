package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// Document is what every engine indexes for one public issue: its text, the
// current bodies of its published responses as plain text, and the fields
// search filters and counts by. Drafts, internal and unpublished issues, the
// names and contacts of people who asked and the account handles of sources
// never become part of a document.
type Document struct {
	IssueID int64
	Number  string
	Title   string
	Summary string
	// Body is the plain text of the published responses.
	Body string
	// Extra holds the agency's and the category's names, the verdict's label
	// and the claims as seen on social media.
	Extra        string
	Kind         models.IssueKind
	Status       models.IssueStatus
	Verdict      *models.Verdict
	AgencySlug   string
	CategorySlug string
	CreatedAt    time.Time
	UpdatedAt    time.Time

	// analysed caches analysis().
	analysed *documentAnalysis
}

// documentAnalysis is a document's analysis with its terms.
type documentAnalysis struct {
	analysed
	terms []string
}

// analysis analyses the document once; a rebuild does it while the previous
// batch is being written.
func (d *Document) analysis() *documentAnalysis {
	return d.analysisWith(nil)
}

// analysisWith is analysis with the stems of earlier documents at hand.
func (d *Document) analysisWith(stems stemCache) *documentAnalysis {
	if d.analysed == nil {
		a := d.analyseWith(stems)
		d.analysed = &documentAnalysis{analysed: a, terms: a.terms()}
	}
	return d.analysed
}

// maxStemCache bounds a stemCache: far more than the distinct words of a
// regency's issues.
const maxStemCache = 200_000

// stemCache remembers the stems of the words of earlier documents: the
// documents of a rebuild share most of their words, and stemming is the
// larger part of analysing them. It belongs to one goroutine.
type stemCache map[string]string

func (c stemCache) stem(token string) string {
	if c == nil {
		return Stem(token)
	}
	if s, ok := c[token]; ok {
		return s
	}
	s := Stem(token)
	if len(c) < maxStemCache {
		// A token may be a slice of the whole document's text.
		c[strings.Clone(token)] = strings.Clone(s)
	}
	return s
}

// analysed is a document split into tokens and their stems per weighted
// field.
type analysed struct {
	title, summary, body, extra                 []string
	titleStems, summaryStems, bodyStems, extras []string
	// stemOf maps every distinct token to its stem.
	stemOf map[string]string
}

func (d *Document) analyse() analysed { return d.analyseWith(nil) }

func (d *Document) analyseWith(cache stemCache) analysed {
	a := analysed{
		title:   Tokenize(d.Title),
		summary: Tokenize(d.Summary),
		body:    Tokenize(d.Body),
		extra:   Tokenize(d.Number + "\n" + d.Extra),
		stemOf:  map[string]string{},
	}
	// Words repeat within a document: stem each once.
	stems := func(tokens []string) []string {
		out := make([]string, len(tokens))
		for i, t := range tokens {
			s, ok := a.stemOf[t]
			if !ok {
				s = cache.stem(t)
				a.stemOf[t] = s
			}
			out[i] = s
		}
		return out
	}
	a.titleStems, a.summaryStems, a.bodyStems, a.extras = stems(a.title), stems(a.summary), stems(a.body), stems(a.extra)
	return a
}

// terms lists the distinct words and stems of the document, sorted: the
// vocabulary that typo tolerance and prefix search look in.
func (a analysed) terms() []string {
	out := make([]string, 0, 2*len(a.stemOf))
	for token, stem := range a.stemOf {
		out = append(out, token, stem)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// LoadDocuments builds the documents of the given issues from the database.
// Issues that are not public (or no longer exist) are returned in gone: the
// engines must not hold a document for them.
func LoadDocuments(ctx context.Context, db bun.IDB, ids []int64) (docs []*Document, gone []int64, err error) {
	if len(ids) == 0 {
		return nil, nil, nil
	}
	var issues []*models.Issue
	if err := db.NewSelect().Model(&issues).Where("id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, nil, fmt.Errorf("load issues: %w", err)
	}
	byID := map[int64]*models.Issue{}
	var public []int64
	agencyIDs, categoryIDs := []int64{}, []int64{}
	for _, i := range issues {
		if !i.IsPublic() {
			continue
		}
		byID[i.ID] = i
		public = append(public, i.ID)
		if i.AgencyID != nil {
			agencyIDs = append(agencyIDs, *i.AgencyID)
		}
		if i.CategoryID != nil {
			categoryIDs = append(categoryIDs, *i.CategoryID)
		}
	}
	for _, id := range ids {
		if byID[id] == nil {
			gone = append(gone, id)
		}
	}
	if len(public) == 0 {
		return nil, gone, nil
	}

	var responses []struct {
		IssueID int64  `bun:"issue_id"`
		Body    string `bun:"body"`
	}
	err = db.NewSelect().
		Table("responses").
		Column("issue_id", "body").
		Where("issue_id IN (?)", bun.In(public)).
		Where("status = ?", models.ResponsePublished).
		OrderExpr("issue_id ASC, id ASC").
		Scan(ctx, &responses)
	if err != nil {
		return nil, nil, fmt.Errorf("load responses: %w", err)
	}
	bodies := map[int64][]string{}
	for _, r := range responses {
		bodies[r.IssueID] = append(bodies[r.IssueID], MarkdownText(r.Body))
	}

	var claims []struct {
		IssueID   int64  `bun:"issue_id"`
		ClaimText string `bun:"claim_text"`
	}
	err = db.NewSelect().
		Table("issue_sources").
		Column("issue_id", "claim_text").
		Where("issue_id IN (?)", bun.In(public)).
		OrderExpr("issue_id ASC, id ASC").
		Scan(ctx, &claims)
	if err != nil {
		return nil, nil, fmt.Errorf("load sources: %w", err)
	}
	claimsOf := map[int64][]string{}
	for _, c := range claims {
		if c.ClaimText != "" {
			claimsOf[c.IssueID] = append(claimsOf[c.IssueID], c.ClaimText)
		}
	}

	agencies := map[int64]*models.Agency{}
	if len(agencyIDs) > 0 {
		var rows []*models.Agency
		if err := db.NewSelect().Model(&rows).Where("id IN (?)", bun.In(agencyIDs)).Scan(ctx); err != nil {
			return nil, nil, fmt.Errorf("load agencies: %w", err)
		}
		for _, a := range rows {
			agencies[a.ID] = a
		}
	}
	categories := map[int64]*models.Category{}
	if len(categoryIDs) > 0 {
		var rows []*models.Category
		if err := db.NewSelect().Model(&rows).Where("id IN (?)", bun.In(categoryIDs)).Scan(ctx); err != nil {
			return nil, nil, fmt.Errorf("load categories: %w", err)
		}
		for _, c := range rows {
			categories[c.ID] = c
		}
	}

	for _, id := range public {
		i := byID[id]
		doc := &Document{
			IssueID: i.ID, Number: i.Number, Title: i.Title, Summary: i.Summary,
			Body: strings.Join(bodies[i.ID], "\n"), Kind: i.Kind, Status: i.Status, Verdict: i.Verdict,
			CreatedAt: i.CreatedAt.UTC(), UpdatedAt: i.UpdatedAt.UTC(),
		}
		var extra []string
		if i.AgencyID != nil && agencies[*i.AgencyID] != nil {
			a := agencies[*i.AgencyID]
			doc.AgencySlug = a.Slug
			extra = append(extra, a.Name, a.ShortName)
		}
		if i.CategoryID != nil && categories[*i.CategoryID] != nil {
			c := categories[*i.CategoryID]
			doc.CategorySlug = c.Slug
			extra = append(extra, c.Name)
		}
		if i.Verdict != nil {
			extra = append(extra, i.Verdict.Label())
		}
		extra = append(extra, claimsOf[i.ID]...)
		doc.Extra = strings.Join(extra, "\n")
		docs = append(docs, doc)
	}
	return docs, gone, nil
}

// PublicIssueIDs returns the ids of public issues after afterID, in order, at
// most limit of them: the pages of a full rebuild.
func PublicIssueIDs(ctx context.Context, db bun.IDB, afterID int64, limit int) ([]int64, error) {
	var ids []int64
	err := db.NewSelect().
		Table("issues").
		Column("id").
		Where("id > ?", afterID).
		Where("status NOT IN (?)", bun.In([]models.IssueStatus{models.StatusNew, models.StatusRejected})).
		Where("internal = ?", false).
		OrderExpr("id ASC").
		Limit(int64(limit)).
		Scan(ctx, &ids)
	return ids, err
}

// DocumentSource streams every document of a full rebuild in batches.
type DocumentSource func(ctx context.Context, yield func(docs []*Document) error) error

// AllDocuments is the DocumentSource of the database: every public issue, in
// batches of batchSize. Loading, analysing and the caller's writing overlap:
// while the caller writes one batch, the next is analysed and the one after
// it loaded.
func AllDocuments(db bun.IDB, batchSize int) DocumentSource {
	return func(ctx context.Context, yield func([]*Document) error) error {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		type batch struct {
			docs []*Document
			err  error
		}
		send := func(out chan<- batch, b batch) bool {
			select {
			case out <- b:
				return b.err == nil
			case <-ctx.Done():
				return false
			}
		}
		loaded, analysed := make(chan batch, 1), make(chan batch, 1)
		go func() {
			defer close(loaded)
			var after int64
			for {
				ids, err := PublicIssueIDs(ctx, db, after, batchSize)
				if err == nil && len(ids) == 0 {
					return
				}
				var docs []*Document
				if err == nil {
					docs, _, err = LoadDocuments(ctx, db, ids)
				}
				if !send(loaded, batch{docs, err}) {
					return
				}
				after = ids[len(ids)-1]
			}
		}()
		go func() {
			defer close(analysed)
			stems := stemCache{}
			for b := range loaded {
				for _, d := range b.docs {
					d.analysisWith(stems)
				}
				if !send(analysed, b) {
					return
				}
			}
		}()
		for b := range analysed {
			if b.err != nil {
				return b.err
			}
			if err := yield(b.docs); err != nil {
				return err
			}
		}
		return ctx.Err()
	}
}
