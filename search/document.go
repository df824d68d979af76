package search

import (
	"context"
	"slices"
	"strings"
	"time"

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

// stem returns the stem of token and whether it was remembered: whether an
// earlier document held the word.
func (c stemCache) stem(token string) (string, bool) {
	if c == nil {
		return Stem(token), false
	}
	if s, ok := c[token]; ok {
		return s, true
	}
	s := Stem(token)
	if len(c) < maxStemCache {
		// A token may be a slice of the whole document's text.
		c[strings.Clone(token)] = strings.Clone(s)
	}
	return s, false
}

// analysed is a document split into tokens and their stems per weighted
// field.
type analysed struct {
	title, summary, body, extra                 []string
	titleStems, summaryStems, bodyStems, extras []string
	// stemOf maps every distinct token to its stem.
	stemOf map[string]string
	// newWords are the tokens that no earlier document analysed with the
	// same stemCache held (every token, without a cache), in no order.
	newWords []string
}

func (d *Document) analyseWith(cache stemCache) analysed {
	a := analysed{
		title:   Tokenize(d.Title),
		summary: Tokenize(d.Summary),
		body:    Tokenize(d.Body),
		extra:   Tokenize(d.Number + "\n" + d.Extra),
	}
	// Words repeat within a document: stem each once. Most of a document's
	// words are distinct up to about a third of them.
	a.stemOf = make(map[string]string, (len(a.title)+len(a.summary)+len(a.body)+len(a.extra))/3+8)
	stems := func(tokens []string) []string {
		out := make([]string, len(tokens))
		for i, t := range tokens {
			s, ok := a.stemOf[t]
			if !ok {
				var known bool
				if s, known = cache.stem(t); !known {
					a.newWords = append(a.newWords, t)
				}
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
		out = append(out, token)
		if stem != token {
			out = append(out, stem)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// DocumentStream streams every document of a full rebuild in batches.
type DocumentStream func(ctx context.Context, yield func(docs []*Document) error) error

// AllDocuments streams every public issue of src, in batches of batchSize. Loading, analysing and the caller's writing overlap:
// while the caller writes one batch, the next is analysed and the one after
// it loaded.
func AllDocuments(src DocumentSource, batchSize int) DocumentStream {
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
				ids, err := src.PublicIssueIDs(ctx, after, batchSize)
				if err == nil && len(ids) == 0 {
					return
				}
				var docs []*Document
				if err == nil {
					docs, _, err = src.SearchDocuments(ctx, ids)
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
