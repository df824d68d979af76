package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"sync"
	"time"

	"github.com/lib/pq"
	"github.com/uptrace/bun"
)

// The rows behind a page of issues — their sources, responses, events and
// revisions, and one issue by its number — are read by statements whose
// text never changes: the ids travel as one parameter (a JSON array that
// SQLite reads with json_each, a bigint[] for PostgreSQL), so each
// connection parses and plans a statement once and then only runs it.
// bun writes every value into the text of a statement, which SQLite would
// parse again at every read: at 100,000 issues that parsing was a fifth of
// the work of serving one issue (docs/performance.md).

// preparedStatements holds the statements prepared so far, by name.
type preparedStatements struct {
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
	// hooks are the query hooks of AddQueryHook, told of every run.
	hooks []bun.QueryHook
}

// close releases every statement.
func (p *preparedStatements) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.stmts {
		s.Close()
	}
	p.stmts = nil
}

// prepared returns the statement called name, preparing the text build
// writes the first time. The text holds a single placeholder, written by
// build from db.idsParam().
func (db *DB) prepared(ctx context.Context, name string, build func() string) (*sql.Stmt, error) {
	p := &db.preparedStmts
	p.mu.Lock()
	defer p.mu.Unlock()
	if s, ok := p.stmts[name]; ok {
		return s, nil
	}
	s, err := db.bun.DB.PrepareContext(ctx, build())
	if err != nil {
		return nil, err
	}
	if p.stmts == nil {
		p.stmts = map[string]*sql.Stmt{}
	}
	p.stmts[name] = s
	return s, nil
}

// idsParam is the condition of a column among a list of ids given as the
// statement's one parameter, for bun's Where (the placeholder is passed
// as a value bun writes as it is).
func (db *DB) idsParam(column string) (string, bun.Safe) {
	if db.dialect == Postgres {
		return column + " = ANY(?::bigint[])", db.param()
	}
	return column + " IN (SELECT value FROM json_each(?))", db.param()
}

// param is the placeholder of a statement's one parameter, for bun's
// Where.
func (db *DB) param() bun.Safe {
	if db.dialect == Postgres {
		return bun.Safe("$1")
	}
	return bun.Safe("?")
}

// idsArg encodes ids as that parameter.
func (db *DB) idsArg(ids []int64) any {
	if db.dialect == Postgres {
		return pq.Int64Array(ids)
	}
	b, _ := json.Marshal(ids) //nolint:errchkjson // a slice of integers always encodes
	return string(b)
}

// AddQueryHook adds a hook that sees every statement: those bun sends and
// the prepared ones, which bun does not see.
func (db *DB) AddQueryHook(h bun.QueryHook) {
	db.preparedStmts.mu.Lock()
	db.preparedStmts.hooks = append(db.preparedStmts.hooks, h)
	db.preparedStmts.mu.Unlock()
	db.bun.AddQueryHook(h)
}

// selectPrepared runs the statement called name, built from the bun query
// build returns (with bun.Safe placeholders), with arg, and scans its rows
// into dest as bun would.
func (db *DB) selectPrepared(ctx context.Context, name string, build func() *bun.SelectQuery, arg, dest any) (err error) {
	stmt, err := db.prepared(ctx, name, func() string { return build().String() })
	if err != nil {
		return err
	}
	db.preparedStmts.mu.Lock()
	hooks := db.preparedStmts.hooks
	db.preparedStmts.mu.Unlock()
	if len(hooks) > 0 {
		event := &bun.QueryEvent{DB: db.bun, Query: name, QueryArgs: []any{arg}, StartTime: time.Now()}
		for _, h := range hooks {
			ctx = h.BeforeQuery(ctx, event)
		}
		defer func() {
			event.Err = err
			for _, h := range hooks {
				h.AfterQuery(ctx, event)
			}
		}()
	}
	rows, err := stmt.QueryContext(ctx, arg)
	if err != nil {
		return err
	}
	defer rows.Close()
	return db.bun.ScanRows(ctx, rows, dest)
}

// byIssueIDs reads the rows of model whose column (issue_id, or another
// parent's id) is among ids, in order, through the statement called name.
func (db *DB) byIssueIDs(ctx context.Context, name string, model, dest any, column string, ids []int64, order string) error {
	return db.selectPrepared(ctx, name, func() *bun.SelectQuery {
		cond, param := db.idsParam(column)
		return db.bun.NewSelect().Model(model).Where(cond, param).OrderExpr(order)
	}, db.idsArg(ids), dest)
}
