package store

import (
	"context"
	"database/sql/driver"
	"reflect"
	"strings"
	"time"

	"github.com/uptrace/bun/schema"

	"github.com/kotabaru/tanggap/models"
)

// A row written around the application can hold a time its driver hands
// over as text or a number: SQLite keeps whatever text was written to a
// TIMESTAMP column ("-0001-12-31 16:00:00+00:00" for year −1, or any
// garbage), and lib/pq returns PostgreSQL's infinity as text. bun fails the
// whole query on such a value, so one bad row would fail every list holding
// it. timeConnector wraps the driver's connections so that such a value is
// read as models.UnreadableTime instead; the models' AfterScanRow hooks then
// clamp and log it like any other time out of range.
type timeConnector struct{ driver.Connector }

func (c timeConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &timeConn{Conn: conn}, nil
}

// timeConn forwards every optional interface of the connections of both
// drivers, so database/sql behaves as it would on the bare connection.
type timeConn struct{ driver.Conn }

var (
	_ driver.ConnBeginTx        = (*timeConn)(nil)
	_ driver.ConnPrepareContext = (*timeConn)(nil)
	_ driver.ExecerContext      = (*timeConn)(nil)
	_ driver.QueryerContext     = (*timeConn)(nil)
	_ driver.Pinger             = (*timeConn)(nil)
	_ driver.SessionResetter    = (*timeConn)(nil)
	_ driver.Validator          = (*timeConn)(nil)
	_ driver.NamedValueChecker  = (*timeConn)(nil)
)

// Unwrap returns the driver's own connection (modernc.org/sqlite's Limit
// looks through wrappers this way).
func (c *timeConn) Unwrap() driver.Conn { return c.Conn }

func (c *timeConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if b, ok := c.Conn.(driver.ConnBeginTx); ok {
		return b.BeginTx(ctx, opts)
	}
	return c.Conn.Begin() //nolint:staticcheck // the driver offers nothing else
}

func (c *timeConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	var stmt driver.Stmt
	var err error
	if p, ok := c.Conn.(driver.ConnPrepareContext); ok {
		stmt, err = p.PrepareContext(ctx, query)
	} else {
		stmt, err = c.Conn.Prepare(query)
	}
	if err != nil {
		return nil, err
	}
	return &timeStmt{Stmt: stmt}, nil
}

func (c *timeConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if e, ok := c.Conn.(driver.ExecerContext); ok {
		return e.ExecContext(ctx, query, args)
	}
	return nil, driver.ErrSkip
}

func (c *timeConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	q, ok := c.Conn.(driver.QueryerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	rows, err := q.QueryContext(ctx, query, args)
	if err != nil {
		return nil, err
	}
	return newTimeRows(rows), nil
}

func (c *timeConn) Ping(ctx context.Context) error {
	if p, ok := c.Conn.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

func (c *timeConn) ResetSession(ctx context.Context) error {
	if r, ok := c.Conn.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (c *timeConn) IsValid() bool {
	if v, ok := c.Conn.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

func (c *timeConn) CheckNamedValue(nv *driver.NamedValue) error {
	if n, ok := c.Conn.(driver.NamedValueChecker); ok {
		return n.CheckNamedValue(nv)
	}
	return driver.ErrSkip
}

// timeStmt wraps the rows of a prepared statement.
type timeStmt struct{ driver.Stmt }

func (s *timeStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	if e, ok := s.Stmt.(driver.StmtExecContext); ok {
		return e.ExecContext(ctx, args)
	}
	values, err := namedToValues(args)
	if err != nil {
		return nil, err
	}
	return s.Stmt.Exec(values) //nolint:staticcheck // the driver offers nothing else
}

func (s *timeStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	var rows driver.Rows
	var err error
	if q, ok := s.Stmt.(driver.StmtQueryContext); ok {
		rows, err = q.QueryContext(ctx, args)
	} else {
		var values []driver.Value
		if values, err = namedToValues(args); err == nil {
			rows, err = s.Stmt.Query(values) //nolint:staticcheck // the driver offers nothing else
		}
	}
	if err != nil {
		return nil, err
	}
	return newTimeRows(rows), nil
}

func (s *timeStmt) CheckNamedValue(nv *driver.NamedValue) error {
	if n, ok := s.Stmt.(driver.NamedValueChecker); ok {
		return n.CheckNamedValue(nv)
	}
	return driver.ErrSkip
}

func namedToValues(args []driver.NamedValue) ([]driver.Value, error) {
	values := make([]driver.Value, len(args))
	for i, a := range args {
		if a.Name != "" {
			return nil, driver.ErrSkip
		}
		values[i] = a.Value
	}
	return values, nil
}

// timeRows replaces a value bun could not read as a time, in a column the
// database declares as one, by models.UnreadableTime.
type timeRows struct {
	driver.Rows
	timeColumns []int
}

func newTimeRows(rows driver.Rows) driver.Rows {
	typed, ok := rows.(driver.RowsColumnTypeDatabaseTypeName)
	if !ok {
		return rows
	}
	r := &timeRows{Rows: rows}
	for i := range rows.Columns() {
		switch strings.ToUpper(typed.ColumnTypeDatabaseTypeName(i)) {
		case "TIMESTAMP", "TIMESTAMPTZ", "DATETIME":
			r.timeColumns = append(r.timeColumns, i)
		}
	}
	return r
}

func (r *timeRows) Next(dest []driver.Value) error {
	if err := r.Rows.Next(dest); err != nil {
		return err
	}
	for _, i := range r.timeColumns {
		if i < len(dest) && !readableByBun(dest[i]) {
			dest[i] = models.UnreadableTime
		}
	}
	return nil
}

// readableByBun reports whether bun can scan v into a time.Time.
func readableByBun(v driver.Value) bool {
	switch v.(type) {
	case nil, time.Time:
		return true
	}
	var t time.Time
	return schema.Scanner(reflect.TypeFor[time.Time]())(reflect.ValueOf(&t).Elem(), v) == nil
}

func (r *timeRows) HasNextResultSet() bool {
	if n, ok := r.Rows.(driver.RowsNextResultSet); ok {
		return n.HasNextResultSet()
	}
	return false
}

func (r *timeRows) NextResultSet() error {
	if n, ok := r.Rows.(driver.RowsNextResultSet); ok {
		return n.NextResultSet()
	}
	return driver.ErrSkip
}

func (r *timeRows) ColumnTypeDatabaseTypeName(i int) string {
	return r.Rows.(driver.RowsColumnTypeDatabaseTypeName).ColumnTypeDatabaseTypeName(i)
}

func (r *timeRows) ColumnTypeScanType(i int) reflect.Type {
	if s, ok := r.Rows.(driver.RowsColumnTypeScanType); ok {
		return s.ColumnTypeScanType(i)
	}
	return reflect.TypeFor[any]()
}

func (r *timeRows) ColumnTypeLength(i int) (int64, bool) {
	if l, ok := r.Rows.(driver.RowsColumnTypeLength); ok {
		return l.ColumnTypeLength(i)
	}
	return 0, false
}

func (r *timeRows) ColumnTypeNullable(i int) (bool, bool) {
	if n, ok := r.Rows.(driver.RowsColumnTypeNullable); ok {
		return n.ColumnTypeNullable(i)
	}
	return false, false
}

func (r *timeRows) ColumnTypePrecisionScale(i int) (int64, int64, bool) {
	if p, ok := r.Rows.(driver.RowsColumnTypePrecisionScale); ok {
		return p.ColumnTypePrecisionScale(i)
	}
	return 0, 0, false
}
