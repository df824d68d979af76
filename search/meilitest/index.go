package meilitest

import (
	"encoding/json"
	"sort"
	"strings"
	"time"
	"unicode"
)

// index is one Meilisearch index: documents in insertion order and settings.
type index struct {
	uid        string
	primaryKey string
	createdAt  time.Time
	updatedAt  time.Time
	docs       map[string]*document
	seq        int
	settings   settings
	// vocabulary holds every word ever indexed; a word of a removed
	// document only costs a lookup.
	vocabulary map[string]bool
}

// document is a stored document with its searchable words per attribute.
type document struct {
	seq    int
	fields map[string]any
	words  map[string][]string
}

func newIndex(uid, primaryKey string) *index {
	now := time.Now().UTC()
	return &index{uid: uid, primaryKey: primaryKey, createdAt: now, updatedAt: now, docs: map[string]*document{},
		settings: defaultSettings(), vocabulary: map[string]bool{}}
}

func (ix *index) put(id string, fields map[string]any) {
	seq := ix.seq
	if old := ix.docs[id]; old != nil {
		seq = old.seq // a replaced document keeps its place
	} else {
		ix.seq++
	}
	d := &document{seq: seq, fields: fields, words: map[string][]string{}}
	for name, v := range fields {
		if s, ok := v.(string); ok {
			d.words[name] = tokenize(s)
			for _, w := range d.words[name] {
				ix.vocabulary[w] = true
			}
		}
	}
	ix.docs[id] = d
	ix.updatedAt = time.Now().UTC()
}

func (ix *index) remove(id string) {
	delete(ix.docs, id)
	ix.updatedAt = time.Now().UTC()
}

// tokenize splits text into lower-case runs of letters and digits, as
// Meilisearch's tokenizer does for Latin script.
func tokenize(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// settings are the index settings the fake honours.
type settings struct {
	SearchableAttributes []string            `json:"searchableAttributes"`
	FilterableAttributes []string            `json:"filterableAttributes"`
	SortableAttributes   []string            `json:"sortableAttributes"`
	RankingRules         []string            `json:"rankingRules"`
	StopWords            []string            `json:"stopWords"`
	Synonyms             map[string][]string `json:"synonyms"`
	TypoTolerance        typoTolerance       `json:"typoTolerance"`
	Pagination           struct {
		MaxTotalHits int `json:"maxTotalHits"`
	} `json:"pagination"`
}

type typoTolerance struct {
	Enabled bool `json:"enabled"`
	// DisableOnNumbers keeps numbers from matching with typos.
	DisableOnNumbers    bool `json:"disableOnNumbers"`
	MinWordSizeForTypos struct {
		OneTypo  int `json:"oneTypo"`
		TwoTypos int `json:"twoTypos"`
	} `json:"minWordSizeForTypos"`
}

func defaultSettings() settings {
	s := settings{SearchableAttributes: []string{"*"}, Synonyms: map[string][]string{},
		RankingRules: []string{"words", "typo", "proximity", "attribute", "sort", "exactness"}}
	s.TypoTolerance.Enabled = true
	s.TypoTolerance.MinWordSizeForTypos.OneTypo, s.TypoTolerance.MinWordSizeForTypos.TwoTypos = 5, 9
	s.Pagination.MaxTotalHits = 1000
	return s
}

// apply merges a settings update; null resets a setting.
func (s *settings) apply(in map[string]json.RawMessage) *apiError {
	def := defaultSettings()
	for key, raw := range in {
		null := string(raw) == "null"
		var err error
		switch key {
		case "searchableAttributes":
			s.SearchableAttributes = def.SearchableAttributes
			if !null {
				err = json.Unmarshal(raw, &s.SearchableAttributes)
			}
		case "filterableAttributes":
			s.FilterableAttributes = nil
			if !null {
				err = json.Unmarshal(raw, &s.FilterableAttributes)
			}
		case "sortableAttributes":
			s.SortableAttributes = nil
			if !null {
				err = json.Unmarshal(raw, &s.SortableAttributes)
			}
		case "rankingRules":
			s.RankingRules = def.RankingRules
			if !null {
				err = json.Unmarshal(raw, &s.RankingRules)
			}
		case "stopWords":
			s.StopWords = nil
			if !null {
				err = json.Unmarshal(raw, &s.StopWords)
			}
		case "synonyms":
			s.Synonyms = map[string][]string{}
			if !null {
				err = json.Unmarshal(raw, &s.Synonyms)
			}
		case "typoTolerance":
			s.TypoTolerance = def.TypoTolerance
			if !null {
				err = json.Unmarshal(raw, &s.TypoTolerance)
			}
		case "pagination":
			s.Pagination = def.Pagination
			if !null {
				err = json.Unmarshal(raw, &s.Pagination)
			}
		}
		if err != nil {
			return &apiError{Code: "invalid_settings_" + key, Message: err.Error(), Type: "invalid_request"}
		}
	}
	for _, rule := range s.RankingRules {
		switch rule {
		case "words", "typo", "proximity", "attribute", "sort", "exactness":
		default:
			return &apiError{Code: "invalid_settings_ranking_rules", Message: "unknown ranking rule " + rule, Type: "invalid_request"}
		}
	}
	return nil
}

func (s *settings) searchable(doc *document) []string {
	if len(s.SearchableAttributes) == 1 && s.SearchableAttributes[0] == "*" {
		var all []string
		for name := range doc.words {
			all = append(all, name)
		}
		sort.Strings(all)
		return all
	}
	return s.SearchableAttributes
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
