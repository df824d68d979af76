package search

import (
	"context"
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
func NewPostgres(db *bun.DB, synonyms *SynonymSource) Engine {
	return &dbEngine{db: db, synonyms: synonyms, dialect: postgresDialect{}}
}

type postgresDialect struct{}

func (postgresDialect) name() models.SearchEngine { return models.EnginePostgres }

// tsvectorSQL weighs the title A, the summary B, the responses C and the
// rest D.
const tsvectorSQL = "setweight(to_tsvector('indonesian', ?), 'A') || setweight(to_tsvector('indonesian', ?), 'B') || " +
	"setweight(to_tsvector('indonesian', ?), 'C') || setweight(to_tsvector('indonesian', ?), 'D')"

func (postgresDialect) writeDocument(ctx context.Context, tx bun.Tx, d *Document, a analysed, terms []string) error {
	q := "INSERT INTO search_documents (" + documentColumns + ", tsv) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " +
		tsvectorSQL + ") ON CONFLICT (issue_id) DO UPDATE SET " + documentUpdates + ", tsv = excluded.tsv"
	args := append(documentArgs(d, terms),
		strings.Join(a.title, " "), strings.Join(a.summary, " "), strings.Join(a.body, " "), strings.Join(a.extra, " "))
	_, err := tx.NewRaw(q, args...).Exec(ctx)
	return err
}

func (postgresDialect) removeDocument(ctx context.Context, tx bun.Tx, issueID int64) error {
	_, err := tx.NewRaw("DELETE FROM search_documents WHERE issue_id = ?", issueID).Exec(ctx)
	return err
}

// tune keeps a full-text query on the GIN index. PostgreSQL's cost model
// does not count decompressing every document's tsvector, and on a few
// thousand documents it prefers reading the whole table, which costs ten
// times as much.
func (postgresDialect) tune(ctx context.Context, tx bun.Tx) error {
	_, err := tx.ExecContext(ctx, "SET LOCAL enable_seqscan = off")
	return err
}

// analyze refreshes the planner's statistics after a rebuild replaced every
// row, so that it uses the GIN index rather than reading the whole table.
func (postgresDialect) analyze(ctx context.Context, db *bun.DB) error {
	_, err := db.NewRaw("ANALYZE search_documents, search_vocabulary").Exec(ctx)
	return err
}

func (postgresDialect) clear(ctx context.Context, tx bun.Tx) error {
	_, err := tx.NewRaw("DELETE FROM search_documents").Exec(ctx)
	return err
}

// rankWeights are the weights of D, C, B and A for ts_rank_cd; normalization
// 1 divides by the logarithm of the document's length.
const rankSQL = "ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.tsv, to_tsquery('simple', ?), 1)"

func (postgresDialect) match(p *plan) (string, []any, string, []any, []string, []any) {
	from, score := "search_documents AS d", "0.0"
	if p == nil || (len(p.must) == 0 && len(p.not) == 0) {
		return from, nil, score, nil, nil, nil
	}
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
	query := strings.Join(parts, " & ")
	var scoreArgs []any
	if len(p.must) > 0 {
		score, scoreArgs = rankSQL, []any{query}
	}
	return from, nil, score, scoreArgs, []string{"d.tsv @@ to_tsquery('simple', ?)"}, []any{query}
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
