package search

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"
	"time"
)

// Synonyms are the groups of words search treats as the same, read from the
// search_synonyms table that ADMIN edits: "dinkes" and "dinas kesehatan",
// "DBD" and "demam berdarah". A group is symmetric: any member finds the
// documents that hold any other member.
type Synonyms struct {
	groups  [][]synonymMember
	byFirst map[string][]memberRef
	// Fingerprint changes whenever the groups change.
	Fingerprint string
}

// synonymMember is one way of saying the thing of a group.
type synonymMember struct {
	words []string // as written, lower case
	key   []string // stems of the words other than stop words
}

type memberRef struct{ group, member int }

// NewSynonyms builds the groups; each group lists its members as written.
// Groups that share a member become one, so that a group ADMIN keeps under
// one term (rs: rumah sakit) and another holding the same words (rsud:
// rumah sakit) find the same documents.
func NewSynonyms(groups [][]string) *Synonyms {
	s := &Synonyms{byFirst: map[string][]memberRef{}}
	hash := sha256.New()
	var all [][]synonymMember
	owner := map[string]int{} // member key → index in all
	for _, group := range groups {
		var members []synonymMember
		seen := map[string]bool{}
		for _, m := range group {
			words := Tokenize(m)
			var key []string
			for _, w := range words {
				if !IsStopWord(w) {
					key = append(key, Stem(w))
				}
			}
			id := strings.Join(key, " ")
			if len(key) == 0 || seen[id] {
				continue
			}
			seen[id] = true
			members = append(members, synonymMember{words: words, key: key})
			hash.Write([]byte(strings.Join(words, " ") + "\x00"))
		}
		hash.Write([]byte{1})
		// Merge with every earlier group sharing a member.
		into := -1
		for _, m := range members {
			if g, ok := owner[strings.Join(m.key, " ")]; ok && all[g] != nil {
				if into < 0 {
					into = g
				} else if g != into {
					all[into] = append(all[into], all[g]...)
					for _, old := range all[g] {
						owner[strings.Join(old.key, " ")] = into
					}
					all[g] = nil
				}
			}
		}
		if into < 0 {
			into = len(all)
			all = append(all, nil)
		}
		for _, m := range members {
			id := strings.Join(m.key, " ")
			if g, ok := owner[id]; ok && g == into {
				continue
			}
			owner[id] = into
			all[into] = append(all[into], m)
		}
	}
	for _, members := range all {
		if len(members) < 2 {
			continue
		}
		g := len(s.groups)
		s.groups = append(s.groups, members)
		for i, m := range members {
			s.byFirst[m.key[0]] = append(s.byFirst[m.key[0]], memberRef{g, i})
		}
	}
	s.Fingerprint = hex.EncodeToString(hash.Sum(nil))
	return s
}

// match finds the longest member that the stems starting at stems[0] spell,
// and returns its length in words and the other members of its group.
func (s *Synonyms) match(stems []string) (int, []synonymMember) {
	if s == nil || len(stems) == 0 {
		return 0, nil
	}
	best, bestRef := 0, memberRef{}
	for _, ref := range s.byFirst[stems[0]] {
		key := s.groups[ref.group][ref.member].key
		if len(key) <= best || len(key) > len(stems) {
			continue
		}
		if equalWords(key, stems[:len(key)]) {
			best, bestRef = len(key), ref
		}
	}
	if best == 0 {
		return 0, nil
	}
	var others []synonymMember
	for i, m := range s.groups[bestRef.group] {
		if i != bestRef.member {
			others = append(others, m)
		}
	}
	return best, others
}

// Groups returns every group with its members as written, for engines that
// apply synonyms themselves.
func (s *Synonyms) Groups() [][][]string {
	if s == nil {
		return nil
	}
	out := make([][][]string, len(s.groups))
	for i, g := range s.groups {
		for _, m := range g {
			out[i] = append(out[i], m.words)
		}
	}
	return out
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// SynonymSource reads the synonyms from the database and keeps them for a
// short while, so that an ADMIN's edit reaches every instance within TTL.
type SynonymSource struct {
	db  SynonymStore
	ttl time.Duration

	mu     sync.Mutex
	cached *Synonyms
	at     time.Time
}

// NewSynonymSource reads synonyms from db, caching them for ttl.
func NewSynonymSource(db SynonymStore, ttl time.Duration) *SynonymSource {
	return &SynonymSource{db: db, ttl: ttl}
}

// Get returns the current synonyms.
func (s *SynonymSource) Get(ctx context.Context) (*Synonyms, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cached != nil && time.Since(s.at) < s.ttl {
		return s.cached, nil
	}
	rows, err := s.db.SearchSynonymGroups(ctx)
	if err != nil {
		if s.cached != nil {
			return s.cached, nil // a passing database error keeps the last known groups
		}
		return nil, err
	}
	groups := BuiltinSynonyms()
	for _, r := range rows {
		groups = append(groups, append([]string{r.Term}, r.Synonyms()...))
	}
	s.cached, s.at = NewSynonyms(groups), time.Now()
	return s.cached, nil
}

// Invalidate forgets the cached synonyms, so the next Get reads them again.
func (s *SynonymSource) Invalidate() {
	s.mu.Lock()
	s.cached = nil
	s.mu.Unlock()
}
