package search

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/meilisearch/meilisearch-go"

	"github.com/kotabaru/tanggap/models"
)

// Meili is the Meilisearch engine. Meilisearch has no Indonesian stemmer, so
// each document also carries the stems of its words (title_stems, stems),
// queries are sent as stems, and the synonyms are registered both as
// written and as stems. Typo tolerance, prefix search, phrases, exclusion,
// filters, facets and sorting are Meilisearch's own. Every write is a task;
// Index returns only once the task succeeded.
type Meili struct {
	client   meilisearch.ServiceManager
	uid      string
	synonyms *SynonymSource
	// TaskWait is how often a task's state is polled.
	TaskWait time.Duration
	// OnCreated, when set, is called after Setup created the live index
	// because it did not exist (a new server, or a deployment that just
	// added Meilisearch), to have it filled from the database.
	OnCreated func(ctx context.Context) error

	mu              sync.Mutex
	ready           bool
	appliedSynonyms string
}

// NewMeili returns the engine for the index uid on the server at host. The
// client never retries on its own (the job queue does) and has no deadline of
// its own: every call carries its caller's context.
func NewMeili(host, apiKey, uid string, synonyms *SynonymSource) *Meili {
	client := meilisearch.New(host,
		meilisearch.WithAPIKey(apiKey),
		meilisearch.DisableRetries(),
		meilisearch.WithCustomClient(&http.Client{Timeout: 2 * time.Minute}),
	)
	return &Meili{client: client, uid: uid, synonyms: synonyms, TaskWait: 25 * time.Millisecond}
}

// Name implements Engine.
func (m *Meili) Name() models.SearchEngine { return models.EngineMeilisearch }

// Ping implements Engine.
func (m *Meili) Ping(ctx context.Context) error {
	h, err := m.client.Health(ctx)
	if err != nil {
		return err
	}
	if h.Status != "available" {
		return fmt.Errorf("meilisearch is %q", h.Status)
	}
	return nil
}

// meiliDocument is a Document as Meilisearch stores it.
type meiliDocument struct {
	ID         int64   `json:"id"`
	Number     string  `json:"number"`
	Title      string  `json:"title"`
	Summary    string  `json:"summary"`
	Body       string  `json:"body"`
	Extra      string  `json:"extra"`
	TitleStems string  `json:"title_stems"`
	Stems      string  `json:"stems"`
	Kind       string  `json:"kind"`
	Status     string  `json:"status"`
	Verdict    *string `json:"verdict"`
	Agency     *string `json:"agency"`
	Category   *string `json:"category"`
	// CreatedAt is in microseconds since 1970, exact in a JSON number.
	CreatedAt int64 `json:"created_at"`
}

func toMeili(d *Document) meiliDocument {
	a := d.analysis().analysed
	var stems []string
	for _, field := range [][]string{a.summaryStems, a.bodyStems, a.extras} {
		stems = append(stems, field...)
	}
	doc := meiliDocument{
		ID: d.IssueID, Number: d.Number, Title: d.Title, Summary: d.Summary, Body: d.Body, Extra: d.Extra,
		TitleStems: strings.Join(a.titleStems, " "), Stems: strings.Join(stems, " "),
		Kind: string(d.Kind), Status: string(d.Status), CreatedAt: d.CreatedAt.UnixMicro(),
	}
	if d.Verdict != nil {
		v := string(*d.Verdict)
		doc.Verdict = &v
	}
	if d.AgencySlug != "" {
		doc.Agency = &d.AgencySlug
	}
	if d.CategorySlug != "" {
		doc.Category = &d.CategorySlug
	}
	return doc
}

// settings are applied by the application on start, and on every fresh
// index of a rebuild. "sort" comes first so that newest-first is strict.
func (m *Meili) settings(syn *Synonyms) *meilisearch.Settings {
	return &meilisearch.Settings{
		SearchableAttributes: []string{"title_stems", "title", "stems", "summary", "body", "extra"},
		FilterableAttributes: []string{"agency", "category", "kind", "verdict", "status", "created_at"},
		SortableAttributes:   []string{"created_at", "id"},
		RankingRules:         []string{"sort", "words", "typo", "proximity", "attribute", "exactness"},
		Synonyms:             meiliSynonyms(syn),
		TypoTolerance: &meilisearch.TypoTolerance{
			Enabled:             true,
			MinWordSizeForTypos: meilisearch.MinWordSizeForTypos{OneTypo: oneTypoMinLength, TwoTypos: twoTyposMinLength},
			// As on the database engines: 150 is not a typo of 100.
			DisableOnNumbers:    true,
			DisableOnWords:      []string{},
			DisableOnAttributes: []string{},
		},
		Pagination: &meilisearch.Pagination{MaxTotalHits: maxSearchOffset},
		Faceting: &meilisearch.Faceting{
			MaxValuesPerFacet: 200,
			SortFacetValuesBy: map[string]meilisearch.SortFacetType{"*": meilisearch.SortFacetTypeCount},
		},
	}
}

// meiliSynonyms registers every member of a group as a synonym of every
// other, once as written and once as stems, since queries arrive as stems
// and, on a retry, as written.
func meiliSynonyms(syn *Synonyms) map[string][]string {
	out := map[string][]string{}
	add := func(key, value string) {
		if key == "" || value == "" || key == value {
			return
		}
		for _, v := range out[key] {
			if v == value {
				return
			}
		}
		out[key] = append(out[key], value)
	}
	for _, group := range syn.Groups() {
		for i, member := range group {
			var keyWords []string
			for _, w := range member {
				if !IsStopWord(w) {
					keyWords = append(keyWords, w)
				}
			}
			for j, other := range group {
				if i == j {
					continue
				}
				add(strings.Join(keyWords, " "), strings.Join(other, " "))
				add(strings.Join(Stems(keyWords), " "), strings.Join(Stems(other), " "))
			}
		}
	}
	return out
}

// Setup creates the index if it does not exist and applies its settings.
func (m *Meili) Setup(ctx context.Context) error {
	syn, err := m.synonyms.Get(ctx)
	if err != nil {
		return fmt.Errorf("read synonyms: %w", err)
	}
	created, err := m.ensureIndex(ctx, m.uid)
	if err != nil {
		return err
	}
	if err := m.applySettings(ctx, m.uid, syn); err != nil {
		return err
	}
	if created && m.OnCreated != nil {
		if err := m.OnCreated(ctx); err != nil {
			return fmt.Errorf("fill the new index: %w", err)
		}
	}
	m.mu.Lock()
	m.ready, m.appliedSynonyms = true, syn.Fingerprint
	m.mu.Unlock()
	return nil
}

func (m *Meili) ensureReady(ctx context.Context) error {
	m.mu.Lock()
	ready := m.ready
	m.mu.Unlock()
	if ready {
		return nil
	}
	return m.Setup(ctx)
}

// isNotFound reports Meilisearch's 404.
func isNotFound(err error) bool {
	var apiErr *meilisearch.Error
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound
}

// ensureIndex creates the index uid unless it exists, and reports whether
// it did.
func (m *Meili) ensureIndex(ctx context.Context, uid string) (bool, error) {
	_, err := m.client.GetIndex(ctx, uid)
	switch {
	case err == nil:
		return false, nil
	case isNotFound(err):
		task, err := m.client.CreateIndex(ctx, &meilisearch.IndexConfig{Uid: uid, PrimaryKey: "id"})
		if err != nil {
			return false, fmt.Errorf("create index %s: %w", uid, err)
		}
		return true, m.wait(ctx, task)
	}
	return false, fmt.Errorf("read index %s: %w", uid, err)
}

func (m *Meili) applySettings(ctx context.Context, uid string, syn *Synonyms) error {
	task, err := m.client.Index(uid).UpdateSettings(ctx, m.settings(syn))
	if err != nil {
		return fmt.Errorf("update settings of %s: %w", uid, err)
	}
	return m.wait(ctx, task)
}

// SyncSynonyms pushes the synonyms when ADMIN changed them since they were
// last applied.
func (m *Meili) SyncSynonyms(ctx context.Context) error {
	if err := m.ensureReady(ctx); err != nil {
		return err
	}
	syn, err := m.synonyms.Get(ctx)
	if err != nil {
		return err
	}
	m.mu.Lock()
	current := m.appliedSynonyms == syn.Fingerprint
	m.mu.Unlock()
	if current {
		return nil
	}
	list := meiliSynonyms(syn)
	task, err := m.client.Index(m.uid).UpdateSynonyms(ctx, &list)
	if err != nil {
		return fmt.Errorf("update synonyms: %w", err)
	}
	if err := m.wait(ctx, task); err != nil {
		return err
	}
	m.mu.Lock()
	m.appliedSynonyms = syn.Fingerprint
	m.mu.Unlock()
	return nil
}

// wait blocks until the task is processed and reports its failure.
func (m *Meili) wait(ctx context.Context, info *meilisearch.TaskInfo) error {
	task, err := m.client.WaitForTask(ctx, info.TaskUID, m.TaskWait)
	if err != nil {
		return fmt.Errorf("wait for task %d: %w", info.TaskUID, err)
	}
	if task.Status != meilisearch.TaskStatusSucceeded {
		return fmt.Errorf("task %d (%s) %s: %s [%s]", task.UID, task.Type, task.Status, task.Error.Message, task.Error.Code)
	}
	return nil
}

// Index implements Engine.
func (m *Meili) Index(ctx context.Context, docs []*Document, removed []int64) error {
	if err := m.ensureReady(ctx); err != nil {
		return err
	}
	return m.write(ctx, m.uid, docs, removed)
}

func (m *Meili) write(ctx context.Context, uid string, docs []*Document, removed []int64) error {
	index := m.client.Index(uid)
	if len(docs) > 0 {
		batch := make([]meiliDocument, len(docs))
		for i, d := range docs {
			batch[i] = toMeili(d)
		}
		pk := "id"
		task, err := index.AddDocuments(ctx, &batch, &meilisearch.DocumentOptions{PrimaryKey: &pk})
		if err != nil {
			return fmt.Errorf("add documents: %w", err)
		}
		if err := m.wait(ctx, task); err != nil {
			return err
		}
	}
	if len(removed) > 0 {
		ids := make([]string, len(removed))
		for i, id := range removed {
			ids[i] = strconv.FormatInt(id, 10)
		}
		task, err := index.DeleteDocuments(ctx, ids, nil)
		if err != nil {
			return fmt.Errorf("delete documents: %w", err)
		}
		if err := m.wait(ctx, task); err != nil {
			return err
		}
	}
	return nil
}

// Rebuild implements Engine: it fills a fresh index, then swaps it with the
// live one in one atomic step, so searches keep being answered throughout.
func (m *Meili) Rebuild(ctx context.Context, source DocumentStream) (int, error) {
	syn, err := m.synonyms.Get(ctx)
	if err != nil {
		return 0, err
	}
	fresh := fmt.Sprintf("%s_rebuild_%d", m.uid, time.Now().UnixNano())
	if _, err := m.ensureIndex(ctx, fresh); err != nil {
		return 0, err
	}
	drop := func() {
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		if task, err := m.client.DeleteIndex(dctx, fresh); err == nil {
			m.wait(dctx, task) //nolint:errcheck // a leftover index is harmless
		}
	}
	if err := m.applySettings(ctx, fresh, syn); err != nil {
		drop()
		return 0, err
	}
	n := 0
	err = source(ctx, func(docs []*Document) error {
		n += len(docs)
		return m.write(ctx, fresh, docs, nil)
	})
	if err == nil {
		_, err = m.ensureIndex(ctx, m.uid)
	}
	if err != nil {
		drop()
		return 0, err
	}
	task, err := m.client.SwapIndexes(ctx, []*meilisearch.SwapIndexesParams{{Indexes: []string{m.uid, fresh}}})
	if err != nil {
		drop()
		return 0, fmt.Errorf("swap indexes: %w", err)
	}
	if err := m.wait(ctx, task); err != nil {
		drop()
		return 0, err
	}
	drop() // it now holds the old documents
	m.mu.Lock()
	m.ready, m.appliedSynonyms = true, syn.Fingerprint
	m.mu.Unlock()
	return n, nil
}

// Search implements Engine.
func (m *Meili) Search(ctx context.Context, req *Request) (*Result, error) {
	if err := m.ensureReady(ctx); err != nil {
		return nil, err
	}
	syn, err := m.synonyms.Get(ctx)
	if err != nil {
		return nil, err
	}
	stemmed := meiliQuery(req.Query, true)
	resp, err := m.search(ctx, req, stemmed)
	if err != nil {
		return nil, err
	}
	// A typo in an inflected word can spoil its stem: try the words as
	// written, which Meilisearch's typo tolerance then matches.
	if asWritten := meiliQuery(req.Query, false); len(resp.Hits) == 0 && asWritten != stemmed && req.Offset == 0 {
		if resp, err = m.search(ctx, req, asWritten); err != nil {
			return nil, err
		}
	}
	result, err := m.result(req, resp, syn)
	if err != nil {
		return nil, err
	}
	if result.Total < gracefulBelow && req.Query.HasPositive() {
		p, err := buildPlan(ctx, req.Query, syn, everyWordKnown{})
		if err != nil {
			return nil, err
		}
		if gracefulApplies(p, req) {
			return m.partial(ctx, req, p, syn)
		}
	}
	result.Match = strongMatch(req.Query, result.Total)
	return result, nil
}

func (m *Meili) search(ctx context.Context, req *Request, q string) (*meilisearch.SearchResponse, error) {
	resp, err := m.client.Index(m.uid).Search(ctx, q, m.searchRequest(req, q))
	if err != nil {
		return nil, fmt.Errorf("meilisearch search: %w", err)
	}
	return resp, nil
}

// searchRequest is the request of one page of a search for q.
func (m *Meili) searchRequest(req *Request, q string) *meilisearch.SearchRequest {
	sr := &meilisearch.SearchRequest{
		Query:                q,
		AttributesToRetrieve: []string{"id", "title", "summary", "body"},
		Facets:               []string{"agency", "category", "verdict"},
		ShowRankingScore:     true,
		MatchingStrategy:     meilisearch.All,
		Filter:               meiliFilter(req.Filter),
	}
	if req.NoFacets {
		sr.Facets = nil // counting every match by facet is the costly part of a broad search
	}
	if req.Order == models.SearchByNewest || !req.Query.HasPositive() {
		sr.Sort = []string{"created_at:desc", "id:desc"}
	}
	if req.Offset%req.Limit == 0 {
		// Page mode counts every hit exactly.
		perPage := int64(req.Limit)
		sr.HitsPerPage, sr.Page = &perPage, int64(req.Offset/req.Limit+1)
	} else {
		sr.Offset, sr.Limit = int64(req.Offset), int64(req.Limit)
	}
	return sr
}

// DeleteIndexes deletes the engine's index, for tests and for operators
// who move to another engine.
func (m *Meili) DeleteIndexes(ctx context.Context) error {
	task, err := m.client.DeleteIndex(ctx, m.uid)
	if err != nil {
		return err
	}
	m.mu.Lock()
	m.ready = false
	m.mu.Unlock()
	return m.wait(ctx, task)
}
