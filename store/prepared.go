package store

import (
	"container/list"
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"sync"
	"time"

	"github.com/lib/pq"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"
	"github.com/uptrace/bun/schema"

	"github.com/kotabaru/tanggap/models"
)

// The rows behind a page of issues — their sources, responses, events and
// revisions, and one issue by its number — are read by statements whose
// text never changes: the ids travel as one parameter (a JSON array that
// SQLite reads with json_each, a bigint[] for PostgreSQL), so each
// connection parses and plans a statement once and then only runs it.
// bun writes every value into the text of a statement, which SQLite would
// parse again at every read: at 100,000 issues that parsing was a fifth of
// the work of serving one issue (docs/performance.md).

// preparedStatements holds the statements prepared so far: the named ones
// and, for statements written per request (a list of issues with its
// filter), up to maxPreparedTexts by their text, the least recently used
// closed first.
type preparedStatements struct {
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
	// texts are the statements by text, in use order (front: latest).
	texts map[string]*list.Element
	byUse list.List
	// preparing names the statements being prepared in the background
	// (preparedSoon).
	preparing map[string]bool
	// hooks are the query hooks of AddQueryHook, told of every run.
	hooks []bun.QueryHook
}

// maxPreparedTexts bounds the statements kept by their text: the shapes
// of list filters in use at a time.
var maxPreparedTexts = 64

type preparedText struct {
	text string
	stmt *sql.Stmt
	// users are the reads running it; an evicted statement is closed when
	// the last one ends, not under it.
	users   int
	evicted bool
}

// close releases every statement.
func (p *preparedStatements) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.stmts {
		s.Close()
	}
	for e := p.byUse.Front(); e != nil; e = e.Next() {
		e.Value.(*preparedText).stmt.Close()
	}
	p.stmts, p.texts = nil, nil
	p.byUse.Init()
}

// prepared returns the statement called name, preparing the text build
// writes the first time. The text holds a single placeholder, written by
// build from db.idsParam().
func (db *DB) prepared(ctx context.Context, name string, build func() string) (*sql.Stmt, error) {
	p := &db.preparedStmts
	p.mu.Lock()
	s, ok := p.stmts[name]
	p.mu.Unlock()
	if ok {
		return s, nil
	}
	// Prepared without the lock: the pool may have no connection free
	// until a transaction that asks for another statement ends.
	s, err := db.bun.DB.PrepareContext(ctx, build())
	if err != nil {
		return nil, err
	}
	return p.keep(name, s), nil
}

// keep stores s as the statement called name, unless another call stored
// one meanwhile: then s is closed and that one returned.
func (p *preparedStatements) keep(name string, s *sql.Stmt) *sql.Stmt {
	p.mu.Lock()
	defer p.mu.Unlock()
	if kept, ok := p.stmts[name]; ok {
		s.Close()
		return kept
	}
	if p.stmts == nil {
		p.stmts = map[string]*sql.Stmt{}
	}
	p.stmts[name] = s
	return s
}

// preparedText returns the statement of text, preparing it the first time,
// for one read; release ends the read.
func (db *DB) preparedText(ctx context.Context, text string) (stmt *sql.Stmt, release func(), err error) {
	p := &db.preparedStmts
	p.mu.Lock()
	defer p.mu.Unlock()
	var t *preparedText
	if e, ok := p.texts[text]; ok {
		p.byUse.MoveToFront(e)
		t = e.Value.(*preparedText)
	} else {
		// Prepared without the lock, so that reads of other shapes do not
		// wait for the database meanwhile.
		p.mu.Unlock()
		s, err := db.bun.DB.PrepareContext(ctx, text)
		p.mu.Lock()
		if err != nil {
			return nil, nil, err
		}
		if e, ok := p.texts[text]; ok {
			// Another read prepared it meanwhile.
			s.Close()
			p.byUse.MoveToFront(e)
			t = e.Value.(*preparedText)
			t.users++
			return t.stmt, db.releaseText(t), nil
		}
		if p.texts == nil {
			p.texts = map[string]*list.Element{}
		}
		t = &preparedText{text: text, stmt: s}
		p.texts[text] = p.byUse.PushFront(t)
		if p.byUse.Len() > maxPreparedTexts {
			oldest := p.byUse.Remove(p.byUse.Back()).(*preparedText)
			delete(p.texts, oldest.text)
			oldest.evicted = true
			if oldest.users == 0 {
				oldest.stmt.Close()
			}
		}
	}
	t.users++
	return t.stmt, db.releaseText(t), nil
}

// releaseText ends one read of t, closing t if it was evicted meanwhile
// and this was its last read.
func (db *DB) releaseText(t *preparedText) func() {
	return func() {
		p := &db.preparedStmts
		p.mu.Lock()
		defer p.mu.Unlock()
		t.users--
		if t.evicted && t.users == 0 {
			t.stmt.Close()
		}
	}
}

// params collects the values of a statement written per request as
// numbered placeholders ($n on PostgreSQL, ?n on SQLite), so that its text
// depends only on its shape. A nil *params writes the values into the text
// as bun does.
type params struct {
	dialect schema.Dialect
	args    []any
}

func (db *DB) newParams() *params { return &params{dialect: db.bun.Dialect()} }

// value returns what to pass bun for v.
func (p *params) value(v any) any {
	if p == nil {
		return v
	}
	postgres := p.dialect.Name() == dialect.PG
	if t, ok := v.(time.Time); ok && !postgres {
		// SQLite compares times as text: as bun writes them into a
		// statement and into the rows, without its quotes.
		quoted := p.dialect.AppendTime(nil, t)
		v = string(quoted[1 : len(quoted)-1])
	}
	p.args = append(p.args, v)
	if postgres {
		return bun.Safe("$" + strconv.Itoa(len(p.args)))
	}
	return bun.Safe("?" + strconv.Itoa(len(p.args)))
}

// scanParams runs q, written with p, as a prepared statement and scans its
// rows into dest as bun would (scanInto).
func (db *DB) scanParams(ctx context.Context, q *bun.SelectQuery, p *params, dest any) (err error) {
	text := q.String()
	stmt, release, err := db.preparedText(ctx, text)
	if err != nil {
		return err
	}
	defer release()
	return db.queryScan(ctx, text, p.args, dest, func(ctx context.Context) (*sql.Rows, error) {
		return stmt.QueryContext(ctx, p.args...)
	})
}

// queryScan runs query, told to the query hooks of AddQueryHook as name
// with args, and scans its rows into dest (scanInto).
func (db *DB) queryScan(ctx context.Context, name string, args []any, dest any, query func(context.Context) (*sql.Rows, error)) (err error) {
	ctx, done := db.queryHooks(ctx, name, args)
	defer func() { done(err) }()
	rows, err := query(ctx)
	if err != nil {
		return err
	}
	return db.scanInto(ctx, rows, dest)
}

// queryTx runs in tx the statement called name, whose text build writes
// with numbered placeholders (see params), and scans its rows into dest as
// scanInto does. bun writes every value into the text of a statement,
// which the database then parses and plans again at every run: planning
// the statements of a publication was a third of PostgreSQL's work for it
// (docs/performance.md, "Publishing: statements planned once"). The
// statement is prepared once per connection, and tx reuses it
// (sql.Tx.StmtContext). It is first prepared in the background, outside
// any transaction, so that tx never waits for a connection of the pool
// while it holds one; until then the text runs as it is.
func (db *DB) queryTx(ctx context.Context, tx bun.Tx, name string, build func() string, dest any, args ...any) error {
	return db.queryScan(ctx, name, args, dest, func(ctx context.Context) (*sql.Rows, error) {
		if stmt := db.preparedSoon(name, build); stmt != nil {
			return tx.Tx.StmtContext(ctx, stmt).QueryContext(ctx, args...)
		}
		return tx.Tx.QueryContext(ctx, build(), args...)
	})
}

// preparedSoon returns the statement called name if it has been prepared;
// otherwise it has it prepared in the background and returns nil. A
// preparation that fails is tried again at the next call.
func (db *DB) preparedSoon(name string, build func() string) *sql.Stmt {
	p := &db.preparedStmts
	p.mu.Lock()
	s, ok := p.stmts[name]
	start := !ok && !p.preparing[name]
	if start {
		if p.preparing == nil {
			p.preparing = map[string]bool{}
		}
		p.preparing[name] = true
	}
	p.mu.Unlock()
	if ok || !start {
		return s
	}
	text := build()
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		db.prepared(ctx, name, func() string { return text }) //nolint:errcheck // tried again at the next call
		p.mu.Lock()
		delete(p.preparing, name)
		p.mu.Unlock()
	}()
	return nil
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
// build returns (with bun.Safe placeholders), with args, and scans its rows
// into dest as bun would (scanInto).
func (db *DB) selectPrepared(ctx context.Context, name string, build func() *bun.SelectQuery, dest any, args ...any) (err error) {
	stmt, err := db.prepared(ctx, name, func() string { return build().String() })
	if err != nil {
		return err
	}
	return db.queryScan(ctx, name, args, dest, func(ctx context.Context) (*sql.Rows, error) {
		return stmt.QueryContext(ctx, args...)
	})
}

// scanInto reads rows into dest, a pointer to a slice of models, and closes
// rows: by hand for the models rowscan.go lists, by bun for the others.
func (db *DB) scanInto(ctx context.Context, rows *sql.Rows, dest any) (err error) {
	switch d := dest.(type) {
	case *[]*models.Issue:
		*d, err = scanRows(ctx, rows, issueScanColumns)
	case *[]*models.Response:
		*d, err = scanRows(ctx, rows, responseScanColumns)
	case *[]*models.IssueSource:
		*d, err = scanRows(ctx, rows, sourceScanColumns)
	default:
		defer rows.Close()
		err = db.bun.ScanRows(ctx, rows, dest)
	}
	return err
}

// queryHooks tells the hooks of AddQueryHook that a prepared statement
// runs; done tells them it ended.
func (db *DB) queryHooks(ctx context.Context, query string, args []any) (context.Context, func(error)) {
	db.preparedStmts.mu.Lock()
	hooks := db.preparedStmts.hooks
	db.preparedStmts.mu.Unlock()
	if len(hooks) == 0 {
		return ctx, func(error) {}
	}
	event := &bun.QueryEvent{DB: db.bun, Query: query, QueryArgs: args, StartTime: time.Now()}
	for _, h := range hooks {
		ctx = h.BeforeQuery(ctx, event)
	}
	return ctx, func(err error) {
		event.Err = err
		for _, h := range hooks {
			h.AfterQuery(ctx, event)
		}
	}
}

// byIssueIDs reads the rows of model whose column (issue_id, or another
// parent's id) is among ids, in order, through the statement called name.
// One id — a single issue's page — has a statement of its own that compares
// with one value: PostgreSQL plans a statement over a list of ids again at
// every run, since for one id it expects a plan of its own to beat the
// general one, while one comparison with a value is planned once per
// connection (docs/performance.md, "One issue: planned once"). columns,
// if any, are read instead of all of model's.
func (db *DB) byIssueIDs(ctx context.Context, name string, model, dest any, column string, ids []int64, order string, columns ...string) error {
	selectModel := func() *bun.SelectQuery {
		q := db.bun.NewSelect().Model(model)
		if len(columns) > 0 {
			q = q.Column(columns...)
		}
		return q
	}
	if len(ids) == 1 {
		return db.selectPrepared(ctx, name+"/one", func() *bun.SelectQuery {
			return selectModel().Where("? = ?", bun.Ident(column), db.param()).OrderExpr(order)
		}, dest, ids[0])
	}
	return db.selectPrepared(ctx, name, func() *bun.SelectQuery {
		cond, param := db.idsParam(column)
		return selectModel().Where(cond, param).OrderExpr(order)
	}, dest, db.idsArg(ids))
}
