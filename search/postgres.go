package search

import (
	"context"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// NewPostgres returns the PostgreSQL engine over the migrated database db:
// a tsvector built with the indonesian text-search configuration (the
// Snowball stemmer) under a GIN index. The text is tokenized the same way as
// on the other engines before PostgreSQL stems it, and queries are written
// as tsquery over the stems that Go computes with the same algorithm, so
// that synonyms and typo corrections found in the vocabulary apply as they
// are.
func NewPostgres(db *bun.DB, synonyms *SynonymSource, opts ...Option) Engine {
	e := &dbEngine{db: db, synonyms: synonyms, dialect: postgresDialect{}}
	for _, opt := range opts {
		opt(e)
	}
	return e
}

type postgresDialect struct{}

func (postgresDialect) name() models.SearchEngine { return models.EnginePostgres }

// tsvectorSQL weighs the title A, the summary B, the responses C and the
// rest D.
const tsvectorSQL = "setweight(to_tsvector('indonesian', ?), 'A') || setweight(to_tsvector('indonesian', ?), 'B') || " +
	"setweight(to_tsvector('indonesian', ?), 'C') || setweight(to_tsvector('indonesian', ?), 'D')"

// writeDocuments writes the documents of an index job in one statement,
// the one a rebuild writes changed documents with (postgresUpsertDocuments):
// planned once, and the statement-level triggers that keep search_ranks in
// step run once, however many documents the job holds. One statement per
// document was most of PostgreSQL's work for a publication's index job
// (docs/performance.md, "Publishing: statements planned once").
func (postgresDialect) writeDocuments(ctx context.Context, tx bun.Tx, docs []*Document) error {
	_, err := tx.Tx.ExecContext(ctx, postgresUpsertDocuments, postgresColumns(docs)...)
	return err
}

func (postgresDialect) removeDocument(ctx context.Context, tx bun.Tx, issueID int64) error {
	_, err := tx.NewRaw("DELETE FROM search_documents WHERE issue_id = ?", issueID).Exec(ctx)
	return err
}

// tuning keeps a full-text query on the GIN index. PostgreSQL's cost model
// does not count decompressing every document's tsvector, and on a few
// thousand documents it prefers reading the whole table, which costs ten
// times as much. The search's statement is written out in full by bun, so
// lib/pq sends it with the setting as one simple query, which PostgreSQL
// runs in one transaction of its own: one round trip, where a transaction
// opened for the setting took four.
func (postgresDialect) tuning() string { return "SET LOCAL enable_seqscan = off; " }

// analyze refreshes the planner's statistics after a rebuild replaced every
// row, so that it uses the GIN index rather than reading the whole table:
// those of the columns searches match, filter, count and join on. The
// texts, only ever read for the page shown, would take most of the time
// (reading them back from TOAST and comparing them), two thirds of it on
// the benchmark archive.
func (postgresDialect) analyze(ctx context.Context, db *bun.DB) error {
	_, err := db.NewRaw("ANALYZE search_documents (issue_id, kind, status, verdict, agency_slug, category_slug, created_at, tsv, tsv_head), " +
		"search_ranks (issue_id), search_vocabulary").Exec(ctx)
	return err
}

func (postgresDialect) clear(ctx context.Context, tx bun.Tx) error {
	_, err := tx.NewRaw("DELETE FROM search_documents").Exec(ctx)
	return err
}

// rankWeights are the weights of D, C, B and A for ts_rank_cd.
const rankWeights = "'{0.1, 0.2, 0.4, 1.0}'"

// rankedJoin joins the candidates c AS d to the tsvectors they are ranked
// on exactly, for the first rerankCandidates of them (the argument):
// search_ranks keeps them in the row, where reading one costs a fraction
// of reading it from TOAST, which opens the TOAST table and its index for
// every value. The others get no tsvector and so no exact rank.
const rankedJoin = "LEFT JOIN search_ranks AS k ON k.issue_id = d.issue_id AND d.pos <= ?"

// rerankCandidates bounds how many matches a search ranks exactly. Ranking
// reads each document's whole tsvector (from search_ranks, see rankedJoin):
// a few microseconds a document, a second for a word in most documents of
// a large corpus. So the matches are first ordered by a
// cheap signal, the rank of the title and summary alone (tsv_head, kept in
// the row), and only the best rerankCandidates of them are ranked on
// everything; the rest follow in the cheap order, which keeps pages
// consistent past the bound. A document whose words are mostly in its
// responses can be passed over when rerankCandidates others match better in
// their title and summary. Searches with fewer matches are ranked exactly.
var rerankCandidates = 1000

func (postgresDialect) matching(p *plan, req *Request, conds []string, args []any) statement {
	query := tsquery(p)
	tsq := "to_tsquery('simple', ?)"
	// ts_rank_cd with normalization 1 divides by the logarithm of the
	// document's length.
	rank := func(column string) string { return "ts_rank_cd(" + rankWeights + ", " + column + ", " + tsq + ", 1)" }
	var with, page string
	var withArgs, pageArgs []any
	if req.Order == models.SearchByNewest {
		rows, rowsArgs := matchedRows(p, "d.issue_id, d.created_at, d.agency_slug, d.category_slug, d.verdict", nil, conds, args)
		with, withArgs = "WITH m AS MATERIALIZED ("+rows+") ", rowsArgs
		page = "SELECT row_number() OVER (ORDER BY t.created_at DESC, t.issue_id DESC) AS ord, d.issue_id, d.title, d.summary, d.body, d.extra, " +
			rank("d.tsv") + " AS score FROM (SELECT issue_id, created_at FROM m ORDER BY created_at DESC, issue_id DESC LIMIT ? OFFSET ?) AS t " +
			"JOIN search_documents AS d ON d.issue_id = t.issue_id"
		pageArgs = []any{query, req.Limit, req.Offset}
	} else {
		n, pool := rerankCandidates, max(rerankCandidates, req.Offset+req.Limit)
		// m keeps each match's tsvector as the reference to its stored
		// value, read only for the candidates. The cheap rank is zero
		// unless the title and summary match on their own, which is
		// quicker to tell than to rank.
		cheap, cheapArgs := headRank(p)
		rows, rowsArgs := matchedRows(p, "d.issue_id, d.agency_slug, d.category_slug, d.verdict, "+cheap+" AS cheap", cheapArgs, conds, args)
		with = "WITH m AS MATERIALIZED (" + rows + "), " +
			"c AS (SELECT issue_id, row_number() OVER (ORDER BY cheap DESC, issue_id DESC) AS pos FROM (" +
			"SELECT issue_id, cheap FROM m ORDER BY cheap DESC, issue_id DESC LIMIT ?) AS b), " +
			"r AS (SELECT d.issue_id, d.pos, " + rank("k.tsv") + " AS exact FROM c AS d " + rankedJoin + "), " +
			"t AS (SELECT issue_id, exact, row_number() OVER (" +
			"ORDER BY pos > ?, exact DESC, CASE WHEN pos > ? THEN pos END, issue_id DESC) AS ord FROM r) "
		withArgs = append(rowsArgs, pool, query, n, n, n)
		page = "SELECT t.ord, d.issue_id, d.title, d.summary, d.body, d.extra, coalesce(t.exact, " + rank("d.tsv") + ") AS score " +
			"FROM t JOIN search_documents AS d ON d.issue_id = t.issue_id WHERE t.ord > ? AND t.ord <= ?"
		pageArgs = []any{query, req.Offset, req.Offset + req.Limit}
	}
	g := tally(req, setsGrouping)
	q, a := searchStatement(with, withArgs, page, pageArgs, "m AS d", nil, g)
	return statement{sql: q, args: a, tune: true, counted: g != noCount}
}

// partial writes the statement of a partial search, ranked as matching
// ranks: the candidates by a cheap signal, the best rerankCandidates of
// them exactly, but first by whether they hold every clause and by the
// weight of the clauses they hold. Which clauses a match holds is told by
// looking its id up in the matches of each clause, read from the GIN index,
// rather than by reading every candidate's tsvector.
func (postgresDialect) partial(p *plan, sel []weighted, full bool, req *Request, conds []string, args []any) statement {
	anyOf := make([]clause, len(sel))
	for i, s := range sel {
		anyOf[i] = s.clause
	}
	query := tsqueryPartial(p, anyOf)
	tsq := "to_tsquery('simple', ?)"
	holds := "d.issue_id IN (SELECT issue_id FROM search_documents WHERE tsv @@ " + tsq + ")"
	var holdArgs []any
	fullExpr := "0"
	if full {
		fullExpr, holdArgs = "CASE WHEN "+holds+" THEN 1 ELSE 0 END", append(holdArgs, tsquery(p))
	}
	var weights []string
	for _, s := range sel {
		weights = append(weights, "CASE WHEN "+holds+" THEN "+strconv.Itoa(s.weight)+" ELSE 0 END")
		holdArgs = append(holdArgs, tsquery(&plan{must: []clause{s.clause}}))
	}
	where := whereClause(append([]string{"d.tsv @@ " + tsq}, conds...))
	rank := func(column string) string { return "ts_rank_cd(" + rankWeights + ", " + column + ", " + tsq + ", 1)" }
	n, pool := rerankCandidates, max(rerankCandidates, req.Offset+req.Limit)
	with := "WITH m AS MATERIALIZED (SELECT d.issue_id, d.agency_slug, d.category_slug, d.verdict, " +
		"CASE WHEN d.tsv_head @@ " + tsq + " THEN " + rank("d.tsv_head") + " ELSE 0 END AS cheap, " +
		fullExpr + " AS whole, " + strings.Join(weights, " + ") + " AS w " +
		"FROM search_documents AS d" + where + "), " +
		"c AS (SELECT issue_id, whole, w, row_number() OVER (ORDER BY whole DESC, w DESC, cheap DESC, issue_id DESC) AS pos FROM (" +
		"SELECT issue_id, whole, w, cheap FROM m ORDER BY whole DESC, w DESC, cheap DESC, issue_id DESC LIMIT ?) AS b), " +
		"r AS (SELECT d.issue_id, d.pos, d.whole, d.w, " + rank("k.tsv") + " AS exact FROM c AS d " + rankedJoin + "), " +
		"t AS (SELECT issue_id, exact, row_number() OVER (" +
		"ORDER BY pos > ?, whole DESC, w DESC, exact DESC, CASE WHEN pos > ? THEN pos END, issue_id DESC) AS ord FROM r) "
	withArgs := append(append(append(append([]any{query, query}, holdArgs...), query), args...), pool, query, n, n, n)
	page := "SELECT t.ord, d.issue_id, d.title, d.summary, d.body, d.extra, coalesce(t.exact, " + rank("d.tsv") + ") AS score " +
		"FROM t JOIN search_documents AS d ON d.issue_id = t.issue_id WHERE t.ord = 1 OR t.ord > ? AND t.ord <= ?"
	g := tally(req, setsGrouping)
	q, a := searchStatement(with, withArgs, page, []any{query, req.Offset, req.Offset + req.Limit}, "m AS d", nil, g)
	return statement{sql: q, args: a, tune: true, absolute: true, counted: g != noCount}
}

// headRank is the cheap rank of a match: the rank of its title and summary
// (tsv_head) alone, zero unless they match on their own. A synonym written
// as a phrase makes ranking several times slower (ts_rank_cd looks for the
// phrase at every position of its words, and they are often common words:
// air, daerah), so a plan of one clause, such as a single word with its
// synonyms, ranks the title and summary that hold none of its phrases on
// its other alternatives alone. The rank is the same: each cover of such a
// plan is one occurrence of an alternative or one occurrence of a phrase,
// and a phrase that does not occur adds none (TestHeadRankWithoutPhrases).
func headRank(p *plan) (string, []any) {
	query := tsquery(p)
	rank := func(tsq string) string {
		return "ts_rank_cd(" + rankWeights + ", d.tsv_head, " + tsq + ", 1)"
	}
	const tsq = "to_tsquery('simple', ?)"
	words, phrases, ok := splitPhrases(p)
	if !ok {
		return "CASE WHEN d.tsv_head @@ " + tsq + " THEN " + rank(tsq) + " ELSE 0 END", []any{query, query}
	}
	return "CASE WHEN d.tsv_head @@ " + tsq + " THEN " + rank(tsq) + " WHEN d.tsv_head @@ " + tsq + " THEN " + rank(tsq) + " ELSE 0 END",
		[]any{phrases, query, words, words}
}

// splitPhrases returns, for a plan of one clause and no exclusion whose
// alternatives are both single stems and groups of stems (phrases), the
// tsquery of the single stems and that of the groups; ok is false for any
// other plan.
func splitPhrases(p *plan) (words, phrases string, ok bool) {
	if len(p.must) != 1 || len(p.not) > 0 {
		return "", "", false
	}
	var single, grouped []alternative
	for _, a := range p.must[0].alts {
		switch {
		case a.prefix:
			// tsquery leaves prefixes out
		case len(a.stems) == 1:
			single = append(single, a)
		default:
			grouped = append(grouped, a)
		}
	}
	if len(single) == 0 || len(grouped) == 0 {
		return "", "", false
	}
	return tsquery(&plan{must: []clause{{alts: single}}}), tsquery(&plan{must: []clause{{alts: grouped}}}), true
}

// matchedRows selects columns (with their arguments) of the documents
// that match a plan and pass conds (on search_documents AS d). A phrase
// makes PostgreSQL recheck every document the GIN index returns against
// its full tsvector, which it keeps out of line: reading it costs several
// microseconds a document, and a synonym written as a phrase (dinkes,
// dinas kesehatan) would make a search of a common word recheck every
// match. When the plan has phrases among other alternatives, the matches
// are read in two parts that the index tells apart without a recheck: the
// documents that match the plan without its phrases, and those that match
// it with the phrases' words in any order but not without them, usually
// few, which alone are checked for the phrases. The documents are the
// same, each once.
func matchedRows(p *plan, columns string, columnArgs []any, conds []string, args []any) (string, []any) {
	selectFrom := "SELECT " + columns + " FROM search_documents AS d"
	relaxed, without, ok := phraseFree(p)
	if !ok {
		return selectFrom + whereClause(append([]string{"d.tsv @@ to_tsquery('simple', ?)"}, conds...)),
			append(append(append([]any{}, columnArgs...), tsquery(p)), args...)
	}
	strict := selectFrom + whereClause(append([]string{"d.tsv @@ to_tsquery('simple', ?)"}, conds...))
	rest := selectFrom + whereClause(append([]string{"d.tsv @@ to_tsquery('simple', ?)", "d.tsv @@ to_tsquery('simple', ?)"}, conds...))
	a := append(append(append([]any{}, columnArgs...), without), args...)
	a = append(append(append(append(a, columnArgs...), "("+relaxed+") & !("+without+")"), tsquery(p)), args...)
	return strict + " UNION ALL " + rest, a
}

// phraseFree returns, for a plan with a phrase alongside other
// alternatives of its clause, two queries without phrases: relaxed, which
// matches every document the plan matches (a phrase's words in any
// order, and no exclusion), and without, which matches only such
// documents (the plan without its phrase alternatives). ok is false when
// there is no such phrase, or when the plan cannot do without its
// phrases (a clause of phrases alone, an excluded phrase).
func phraseFree(p *plan) (relaxed, without string, ok bool) {
	for _, a := range p.not {
		if a.adjacent && len(a.stems) > 1 {
			return "", "", false
		}
	}
	phrases := false
	var loose, strict []clause
	for _, c := range p.must {
		var l, s []alternative
		for _, a := range c.alts {
			if a.prefix {
				continue // tsquery leaves prefixes out
			}
			if a.adjacent && len(a.stems) > 1 {
				phrases = true
				l = append(l, alternative{stems: a.stems})
				continue
			}
			l, s = append(l, a), append(s, a)
		}
		if len(s) == 0 {
			return "", "", false
		}
		loose, strict = append(loose, clause{alts: l}), append(strict, clause{alts: s})
	}
	if !phrases {
		return "", "", false
	}
	return tsquery(&plan{must: loose}), tsquery(&plan{must: strict, not: p.not}), true
}

// tsqueryPartial matches the documents that hold every phrase of a plan
// and one of the clauses anyOf, and no exclusion.
func tsqueryPartial(p *plan, anyOf []clause) string {
	var phrases []clause
	for _, c := range p.must {
		if !c.free() {
			phrases = append(phrases, c)
		}
	}
	var alts []alternative
	for _, c := range anyOf {
		alts = append(alts, c.alts...)
	}
	return tsquery(&plan{must: append(phrases, clause{alts: alts}), not: p.not})
}

// grouping counts each facet in a grouping set of its own: a few rows
// rather than one for every combination of agency, category and verdict.
func (postgresDialect) grouping() facetGrouping { return setsGrouping }

func (postgresDialect) excluding(p *plan) (string, []any) {
	return "d.tsv @@ to_tsquery('simple', ?)", []any{tsquery(p)}
}

// tsquery writes a plan as tsquery text: every clause, and not any
// exclusion.
func tsquery(p *plan) string {
	var parts []string
	for _, c := range p.must {
		var alts []string
		for _, a := range c.alts {
			// A prefix lexeme (:*) makes the planner misjudge the GIN index
			// and read the whole table; the plan already lists the indexed
			// words that begin with the prefix.
			if !a.prefix {
				alts = append(alts, tsqueryAlternative(a))
			}
		}
		parts = append(parts, "("+strings.Join(alts, " | ")+")")
	}
	if len(p.not) > 0 {
		alts := make([]string, len(p.not))
		for i, a := range p.not {
			alts[i] = tsqueryAlternative(a)
		}
		parts = append(parts, "!("+strings.Join(alts, " | ")+")")
	}
	return strings.Join(parts, " & ")
}

// tsqueryAlternative writes an alternative as tsquery text. Stems hold
// letters and digits only, so quoting them as lexemes is enough; the simple
// configuration keeps them as they are.
func tsqueryAlternative(a alternative) string {
	switch {
	case len(a.stems) == 1:
		return "'" + a.stems[0] + "'"
	}
	quoted := make([]string, len(a.stems))
	for i, s := range a.stems {
		quoted[i] = "'" + s + "'"
	}
	op := " & "
	if a.adjacent {
		op = " <-> "
	}
	return "(" + strings.Join(quoted, op) + ")"
}
