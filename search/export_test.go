package search

import "context"

// SetRerankCandidates sets how many matches PostgreSQL ranks exactly, for a
// test, and returns the function that restores the bound.
func SetRerankCandidates(n int) (restore func()) {
	old := rerankCandidates
	rerankCandidates = n
	return func() { rerankCandidates = old }
}

// SetGracefulBelow sets below how many documents holding every word a
// search returns partial matches (0 keeps every search strict), for a test
// or a benchmark, and returns the function that restores it.
func SetGracefulBelow(n int) (restore func()) {
	old := gracefulBelow
	gracefulBelow = n
	return func() { gracefulBelow = old }
}

// RebuildCounting rebuilds a database engine as Engine.Rebuild does and
// also returns how many documents it wrote rather than found up to date.
func RebuildCounting(ctx context.Context, e Engine, source DocumentStream) (n, written int, err error) {
	return e.(*dbEngine).rebuild(ctx, source)
}

// MisstemDocuments returns source with the stem that Go gives word
// replaced by stem in the documents' tsvectors, as a stemmer that differs
// from PostgreSQL's on that word would write them; their terms stay. If
// alone is false, the word's own stem (the one checked against
// PostgreSQL's, word by word) stays right, so that only the tsvectors
// written in Go show the difference.
func MisstemDocuments(source DocumentStream, word, stem string, alone bool) DocumentStream {
	return func(ctx context.Context, yield func([]*Document) error) error {
		return source(ctx, func(docs []*Document) error {
			for _, d := range docs {
				a := d.analysis()
				if _, ok := a.stemOf[word]; !ok {
					continue
				}
				if alone {
					a.stemOf[word] = stem
				}
				for _, f := range [][2][]string{{a.title, a.titleStems}, {a.summary, a.summaryStems},
					{a.body, a.bodyStems}, {a.extra, a.extras}} {
					for i, token := range f[0] {
						if token == word {
							f[1][i] = stem
						}
					}
				}
			}
			return yield(docs)
		})
	}
}

// HeadRank is what PostgreSQL ranks the title and summary of a match by
// for a query: Rank, with its arguments, as headRank writes it, and Plain,
// the rank of the whole query it stands for; Words and Phrases are the
// tsquery texts of a plan that headRank splits, empty otherwise. Each
// expression is on search_documents AS d.
type HeadRank struct {
	Rank, Plain         string
	RankArgs, PlainArgs []any
	Words, Phrases      string
}

// HeadRankOf returns the HeadRank of the query q on a database engine.
func HeadRankOf(ctx context.Context, e Engine, q string) (HeadRank, error) {
	d := e.(*dbEngine)
	syn, err := d.synonyms.Get(ctx)
	if err != nil {
		return HeadRank{}, err
	}
	p, err := buildPlan(ctx, ParseQuery(q), syn, dbVocabulary{d.db})
	if err != nil {
		return HeadRank{}, err
	}
	var h HeadRank
	h.Rank, h.RankArgs = headRank(p)
	query := tsquery(p)
	h.Plain = "CASE WHEN d.tsv_head @@ to_tsquery('simple', ?) THEN ts_rank_cd(" + rankWeights +
		", d.tsv_head, to_tsquery('simple', ?), 1) ELSE 0 END"
	h.PlainArgs = []any{query, query}
	h.Words, h.Phrases, _ = splitPhrases(p)
	return h, nil
}

// MatchesOf returns the statement PostgreSQL reads the matches of the query
// q with (matchedRows, selecting d.issue_id) and the plain one it stands
// for, with their arguments; split says whether matchedRows reads the
// matches in two parts.
func MatchesOf(ctx context.Context, e Engine, q string) (rows, plain string, rowsArgs, plainArgs []any, split bool, err error) {
	d := e.(*dbEngine)
	syn, err := d.synonyms.Get(ctx)
	if err != nil {
		return "", "", nil, nil, false, err
	}
	p, err := buildPlan(ctx, ParseQuery(q), syn, dbVocabulary{d.db})
	if err != nil {
		return "", "", nil, nil, false, err
	}
	rows, rowsArgs = matchedRows(p, "d.issue_id", nil, nil, nil)
	_, _, split = phraseFree(p)
	return rows, "SELECT d.issue_id FROM search_documents AS d WHERE d.tsv @@ to_tsquery('simple', ?)", rowsArgs, []any{tsquery(p)}, split, nil
}
