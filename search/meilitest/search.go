package meilitest

import (
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"unicode"
)

type searchRequest struct {
	IndexUID             string          `json:"indexUid"`
	Q                    string          `json:"q"`
	Offset               *int            `json:"offset"`
	Limit                *int            `json:"limit"`
	Page                 *int            `json:"page"`
	HitsPerPage          *int            `json:"hitsPerPage"`
	AttributesToRetrieve []string        `json:"attributesToRetrieve"`
	Filter               json.RawMessage `json:"filter"`
	Facets               []string        `json:"facets"`
	Sort                 []string        `json:"sort"`
	ShowRankingScore     bool            `json:"showRankingScore"`
	MatchingStrategy     string          `json:"matchingStrategy"`
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	var req searchRequest
	if !decode(w, r, &req) {
		return
	}
	s.mu.Lock()
	hang := s.hang
	s.mu.Unlock()
	if hang {
		<-r.Context().Done()
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ix := s.indexes[r.PathValue("uid")]
	if ix == nil {
		writeError(w, http.StatusNotFound, "index_not_found", "index not found", "invalid_request")
		return
	}
	resp, apiErr := ix.search(&req)
	if apiErr != nil {
		writeJSON(w, http.StatusBadRequest, apiErr)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

// multiSearch answers POST /multi-search without federation: one result per
// query, in order, each naming its index.
func (s *Server) multiSearch(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Queries []searchRequest `json:"queries"`
	}
	if !decode(w, r, &req) {
		return
	}
	s.mu.Lock()
	hang := s.hang
	s.mu.Unlock()
	if hang {
		<-r.Context().Done()
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	results := []map[string]any{}
	for i := range req.Queries {
		q := &req.Queries[i]
		ix := s.indexes[q.IndexUID]
		if ix == nil {
			writeError(w, http.StatusNotFound, "index_not_found", "index "+q.IndexUID+" not found", "invalid_request")
			return
		}
		resp, apiErr := ix.search(q)
		if apiErr != nil {
			writeJSON(w, http.StatusBadRequest, apiErr)
			return
		}
		resp["indexUid"] = q.IndexUID
		results = append(results, resp)
	}
	writeJSON(w, http.StatusOK, map[string]any{"results": results})
}

// clause is one word of the query (or several, when they spell a synonym),
// satisfied by the word itself or by one of its synonyms.
type clause struct {
	words    []string   // the query's own words, each matched with typos
	synonyms [][]string // alternatives matched exactly, as phrases
	prefix   bool       // the last word may begin a longer word
}

// parsedQuery is a query in Meilisearch's syntax.
type parsedQuery struct {
	clauses         []clause
	phrases         [][]string
	excluded        []string
	excludedPhrases [][]string
	// typos holds, per query word (and prefix flag), the typos to each
	// indexed word it matches, worked out once over the index's words.
	typos map[matchKey]map[string]int
	// strategy is the matching strategy of the search.
	strategy strategy
}

type matchKey struct {
	word   string
	prefix bool
}

// resolve works out which indexed words each query word matches.
func (ix *index) resolve(p *parsedQuery) {
	p.typos = map[matchKey]map[string]int{}
	for _, c := range p.clauses {
		for _, qw := range c.words {
			key := matchKey{qw, c.prefix}
			if p.typos[key] != nil {
				continue
			}
			found := map[string]int{}
			budget := ix.typoBudget(qw)
			if ix.settings.TypoTolerance.DisableOnNumbers && isNumber(qw) {
				budget = 0
			}
			for w := range ix.vocabulary {
				if t := wordTypos(qw, w, budget, c.prefix); t >= 0 {
					found[w] = t
				}
			}
			p.typos[key] = found
		}
	}
}

func (ix *index) parse(q string) parsedQuery {
	var p parsedQuery
	var words []string
	rest := []rune(q)
	for len(rest) > 0 {
		switch {
		case unicode.IsSpace(rest[0]):
			rest = rest[1:]
		case rest[0] == '"' || rest[0] == '-' && len(rest) > 1 && rest[1] == '"':
			negated := rest[0] == '-'
			if negated {
				rest = rest[1:]
			}
			end := 1
			for end < len(rest) && rest[end] != '"' {
				end++
			}
			phrase := tokenize(string(rest[1:end]))
			rest = rest[min(end+1, len(rest)):]
			if len(phrase) > 0 {
				if negated {
					p.excludedPhrases = append(p.excludedPhrases, phrase)
				} else {
					p.phrases = append(p.phrases, phrase)
				}
			}
		default:
			end := 0
			for end < len(rest) && !unicode.IsSpace(rest[end]) && rest[end] != '"' {
				end++
			}
			chunk := string(rest[:end])
			rest = rest[end:]
			if strings.HasPrefix(chunk, "-") && len(chunk) > 1 {
				p.excluded = append(p.excluded, tokenize(chunk)...)
				continue
			}
			for _, w := range tokenize(chunk) {
				if !contains(ix.settings.StopWords, w) {
					words = append(words, w)
				}
			}
		}
	}
	prefixLast := len(q) > 0 && !unicode.IsSpace(rune(q[len(q)-1])) && q[len(q)-1] != '"'
	for i := 0; i < len(words); {
		n, alts := ix.synonymsAt(words[i:])
		if n == 0 {
			n = 1
		}
		c := clause{words: words[i : i+n], synonyms: alts}
		c.prefix = prefixLast && n == 1 && i == len(words)-1
		p.clauses = append(p.clauses, c)
		i += n
	}
	return p
}

// synonymsAt finds the longest synonym key the words start with.
func (ix *index) synonymsAt(words []string) (int, [][]string) {
	best, bestValues := 0, []string(nil)
	for key, values := range ix.settings.Synonyms {
		k := tokenize(key)
		if len(k) <= best || len(k) > len(words) {
			continue
		}
		if strings.Join(k, " ") == strings.Join(words[:len(k)], " ") {
			best, bestValues = len(k), values
		}
	}
	var alts [][]string
	for _, v := range bestValues {
		alts = append(alts, tokenize(v))
	}
	return best, alts
}

// typoBudget follows minWordSizeForTypos.
func (ix *index) typoBudget(word string) int {
	t := ix.settings.TypoTolerance
	n := len([]rune(word))
	switch {
	case !t.Enabled:
		return 0
	case n >= t.MinWordSizeForTypos.TwoTypos:
		return 2
	case n >= t.MinWordSizeForTypos.OneTypo:
		return 1
	}
	return 0
}

// wordTypos returns how many typos separate the query word from a document
// word (or its beginning, for a prefix), or -1 when they do not match. A
// different first letter counts as two typos.
func wordTypos(query, word string, budget int, prefix bool) int {
	if query == word || prefix && strings.HasPrefix(word, query) {
		return 0
	}
	q, w := []rune(query), []rune(word)
	if !prefix && (len(w) > len(q)+budget || len(q) > len(w)+budget) {
		return -1
	}
	best := -1
	try := func(candidate []rune) {
		d := distance(q, candidate)
		if len(candidate) > 0 && len(q) > 0 && candidate[0] != q[0] {
			d++
		}
		if d <= budget && (best < 0 || d < best) {
			best = d
		}
	}
	if budget == 0 {
		return -1
	}
	if prefix {
		for k := max(1, len(q)-budget); k <= len(q)+budget && k <= len(w); k++ {
			try(w[:k])
		}
	} else {
		try(w)
	}
	return best
}

// distance is the Damerau (optimal string alignment) distance.
func distance(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func hasPhrase(words, phrase []string) bool { return phraseAt(words, phrase) >= 0 }

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return w != ""
}

// match is how a document matched a query, for ranking.
type match struct {
	doc *document
	// dropped is how many query terms the matching strategy dropped for
	// the document to match: the "words" ranking rule puts fewer first.
	dropped   int
	typos     int
	proximity int
	attribute int
	exact     int
	// at records, per clause, the attribute and position of its best match.
	at []position
}

type position struct{ attr, index int }

// maxProximity is the distance Meilisearch counts for words far apart or in
// different attributes.
const maxProximity = 8

// measureProximity sums the distances between the matches of consecutive
// clauses.
func (m *match) measureProximity() {
	for i := 1; i < len(m.at); i++ {
		a, b := m.at[i-1], m.at[i]
		d := maxProximity
		if a.attr == b.attr {
			d = min(maxProximity, max(b.index-a.index, a.index-b.index))
		}
		m.proximity += d
	}
}

// evaluate reports whether doc matches the query and how well.
func (ix *index) evaluate(p parsedQuery, doc *document) (match, bool) {
	attrs := ix.settings.searchable(doc)
	m := match{doc: doc}
	for _, w := range p.excluded {
		for _, a := range attrs {
			if contains(doc.words[a], w) {
				return m, false
			}
		}
	}
	for _, ph := range p.excludedPhrases {
		for _, a := range attrs {
			if hasPhrase(doc.words[a], ph) {
				return m, false
			}
		}
	}
	for _, ph := range p.phrases {
		found := false
		for i, a := range attrs {
			if hasPhrase(doc.words[a], ph) {
				found, m.attribute, m.exact = true, m.attribute+i, m.exact+1
				break
			}
		}
		if !found {
			return m, false
		}
	}
	held := make([]clauseMatch, len(p.clauses))
	for ci, c := range p.clauses {
		held[ci] = ix.matchClause(p, c, attrs, doc)
	}
	keep, ok := p.strategy.keep(held)
	if !ok {
		return m, false
	}
	m.dropped = len(p.clauses) - keep.count()
	for ci, h := range held {
		if !keep[ci] {
			continue
		}
		m.typos += h.typos
		m.attribute += h.attr
		m.at = append(m.at, position{h.attr, h.index})
		if h.typos == 0 {
			m.exact++
		}
	}
	m.measureProximity()
	return m, true
}

// clauseMatch is how a document holds one clause: typos is -1 when it does
// not.
type clauseMatch struct{ typos, attr, index int }

func (ix *index) matchClause(p parsedQuery, c clause, attrs []string, doc *document) clauseMatch {
	bestTypos, bestAttr, bestIndex := -1, 0, 0
	for i, a := range attrs {
		words := doc.words[a]
		for _, syn := range c.synonyms {
			if at := phraseAt(words, syn); at >= 0 && (bestTypos < 0 || bestTypos > 0) {
				bestTypos, bestAttr, bestIndex = 0, i, at
			}
		}
		total, ok, first := 0, true, -1
		for _, qw := range c.words {
			wordBest, wordAt := -1, -1
			matches := p.typos[matchKey{qw, c.prefix}]
			for k, dw := range words {
				if t, ok := matches[dw]; ok && (wordBest < 0 || t < wordBest) {
					wordBest, wordAt = t, k
				}
			}
			if wordBest < 0 {
				ok = false
				break
			}
			if first < 0 {
				first = wordAt
			}
			total += wordBest
		}
		if ok && (bestTypos < 0 || total < bestTypos) {
			bestTypos, bestAttr, bestIndex = total, i, first
		}
	}
	return clauseMatch{bestTypos, bestAttr, bestIndex}
}

// kept marks the clauses a document was matched on.
type kept []bool

func (k kept) count() int {
	n := 0
	for _, v := range k {
		if v {
			n++
		}
	}
	return n
}

// strategy is a matching strategy: the order in which terms are dropped
// when documents lack some of them. Meilisearch returns the documents that
// hold every term first, then those that hold what is left after dropping
// one term, then two, down to one term; "all" drops none.
type strategy struct {
	name string
	// order lists the clauses in the order they are dropped.
	order []int
}

// keep returns the clauses a document matches on under the strategy: all
// of them if it holds them all, else those left at the first step of
// dropping at which it holds every remaining one.
func (s strategy) keep(held []clauseMatch) (kept, bool) {
	k := make(kept, len(held))
	for i := range k {
		k[i] = true
	}
	steps := len(s.order)
	if s.name == "all" || len(held) == 0 {
		steps = 0
	}
	for step := 0; ; step++ {
		all := true
		for i, h := range held {
			if k[i] && h.typos < 0 {
				all = false
				break
			}
		}
		if all {
			return k, true
		}
		// At least one term always stays.
		if step >= steps || step >= len(held)-1 {
			return nil, false
		}
		k[s.order[step]] = false
	}
}

// strategyFor works out the drop order of a query: from the last term
// ("last", Meilisearch's default), or from the term most documents hold
// ("frequency").
func (ix *index) strategyFor(name string, p *parsedQuery, attrs func(*document) []string) (strategy, *apiError) {
	s := strategy{name: name}
	switch name {
	case "", "last":
		s.name = "last"
		for i := len(p.clauses) - 1; i >= 0; i-- {
			s.order = append(s.order, i)
		}
	case "all":
	case "frequency":
		counts := make([]int, len(p.clauses))
		for ci, c := range p.clauses {
			for _, doc := range ix.docs {
				if ix.matchClause(*p, c, attrs(doc), doc).typos >= 0 {
					counts[ci]++
				}
			}
			s.order = append(s.order, ci)
		}
		sort.SliceStable(s.order, func(i, j int) bool { return counts[s.order[i]] > counts[s.order[j]] })
	default:
		return s, &apiError{Code: "invalid_search_matching_strategy", Message: "unknown matching strategy " + name, Type: "invalid_request"}
	}
	return s, nil
}

// phraseAt returns where phrase starts in words, or -1.
func phraseAt(words, phrase []string) int {
	for i := 0; i+len(phrase) <= len(words); i++ {
		j := 0
		for j < len(phrase) && words[i+j] == phrase[j] {
			j++
		}
		if j == len(phrase) {
			return i
		}
	}
	return -1
}

func (ix *index) search(req *searchRequest) (map[string]any, *apiError) {
	filter, apiErr := ix.parseFilter(req.Filter)
	if apiErr != nil {
		return nil, apiErr
	}
	for _, f := range req.Facets {
		if !contains(ix.settings.FilterableAttributes, f) {
			return nil, &apiError{Code: "invalid_search_facets", Message: "attribute " + f + " is not filterable", Type: "invalid_request"}
		}
	}
	var sorts []sortKey
	for _, s := range req.Sort {
		field, dir, _ := strings.Cut(s, ":")
		if !contains(ix.settings.SortableAttributes, field) {
			return nil, &apiError{Code: "invalid_search_sort", Message: "attribute " + field + " is not sortable", Type: "invalid_request"}
		}
		sorts = append(sorts, sortKey{field, dir == "desc"})
	}
	p := ix.parse(req.Q)
	ix.resolve(&p)
	strat, apiErr := ix.strategyFor(req.MatchingStrategy, &p, ix.settings.searchable)
	if apiErr != nil {
		return nil, apiErr
	}
	p.strategy = strat
	var matches []match
	for _, doc := range ix.docs {
		if !filter(doc) {
			continue
		}
		if m, ok := ix.evaluate(p, doc); ok {
			matches = append(matches, m)
		}
	}
	ix.rank(matches, sorts)
	if limit := ix.settings.Pagination.MaxTotalHits; len(matches) > limit {
		matches = matches[:limit]
	}

	facets := map[string]map[string]int{}
	for _, f := range req.Facets {
		counts := map[string]int{}
		for _, m := range matches {
			if v, ok := m.doc.fields[f].(string); ok {
				counts[v]++
			}
		}
		facets[f] = counts
	}
	resp := map[string]any{"query": req.Q, "processingTimeMs": 0}
	if len(req.Facets) > 0 {
		resp["facetDistribution"] = facets
	}
	var from, to int
	if req.Page != nil || req.HitsPerPage != nil {
		page, perPage := 1, 20
		if req.Page != nil {
			page = *req.Page
		}
		if req.HitsPerPage != nil {
			perPage = *req.HitsPerPage
		}
		from, to = (page-1)*perPage, page*perPage
		resp["page"], resp["hitsPerPage"], resp["totalHits"] = page, perPage, len(matches)
		resp["totalPages"] = (len(matches) + perPage - 1) / max(perPage, 1)
	} else {
		offset, limit := 0, 20
		if req.Offset != nil {
			offset = *req.Offset
		}
		if req.Limit != nil {
			limit = *req.Limit
		}
		from, to = offset, offset+limit
		resp["offset"], resp["limit"], resp["estimatedTotalHits"] = offset, limit, len(matches)
	}
	hits := []map[string]any{}
	for i := from; i < to && i < len(matches); i++ {
		hit := ix.hit(matches[i], req)
		if req.ShowRankingScore {
			// The score falls with the rank, as Meilisearch's does.
			hit["_rankingScore"] = 1 - float64(i)/float64(2*len(matches))
		}
		hits = append(hits, hit)
	}
	resp["hits"] = hits
	return resp, nil
}

func (ix *index) hit(m match, req *searchRequest) map[string]any {
	hit := map[string]any{}
	for name, v := range m.doc.fields {
		if len(req.AttributesToRetrieve) == 0 || contains(req.AttributesToRetrieve, name) || contains(req.AttributesToRetrieve, "*") {
			hit[name] = v
		}
	}
	return hit
}

type sortKey struct {
	field string
	desc  bool
}

// rank orders matches by the ranking rules, then by insertion order.
func (ix *index) rank(matches []match, sorts []sortKey) {
	sort.SliceStable(matches, func(i, j int) bool {
		a, b := matches[i], matches[j]
		for _, rule := range ix.settings.RankingRules {
			switch rule {
			case "words":
				if a.dropped != b.dropped {
					return a.dropped < b.dropped
				}
			case "typo":
				if a.typos != b.typos {
					return a.typos < b.typos
				}
			case "proximity":
				if a.proximity != b.proximity {
					return a.proximity < b.proximity
				}
			case "attribute":
				if a.attribute != b.attribute {
					return a.attribute < b.attribute
				}
			case "exactness":
				if a.exact != b.exact {
					return a.exact > b.exact
				}
			case "sort":
				for _, s := range sorts {
					if c := compare(a.doc.fields[s.field], b.doc.fields[s.field]); c != 0 {
						return (c < 0) != s.desc
					}
				}
			}
		}
		return a.doc.seq < b.doc.seq
	})
}

func compare(a, b any) int {
	switch x := a.(type) {
	case float64:
		if y, ok := b.(float64); ok {
			switch {
			case x < y:
				return -1
			case x > y:
				return 1
			}
			return 0
		}
	case string:
		if y, ok := b.(string); ok {
			return strings.Compare(x, y)
		}
	}
	return 0
}
