package store

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/kotabaru/tanggap/models"
)

// One issue with its sources and responses is one statement rather than
// three (docs/performance.md, "One issue, one statement"). Each statement
// costs both processes a round of messages, and on PostgreSQL the three
// of a single issue's page were a third of its processor time. The rows of
// the three tables come as one result: a part number, then the columns of
// issues, of issue_sources and of responses side by side, each row filling
// the columns of its own table and leaving the others NULL, typed as
// their table's columns, so that every value is decoded by the driver as a
// plain read would decode it. On PostgreSQL the NULLs are cast to the
// columns' types, and the UNION gives each column the type of the part
// that fills it. SQLite types a compound's columns by its first part alone,
// so there the NULL columns come from outer joins that never match: the
// join compares the primary key with NULL, and SQLite looks the key up and
// finds nothing, where a constant false ("ON 1 = 0") would make it read
// the whole table for every row (TestIssueWithPlan). PostgreSQL folds such
// a join to false too, but still sets up its plan nodes at every run: the
// statement without them costs it about a twelfth less.

const (
	partIssue = iota
	partSource
	partResponse
)

// issueWithStatement is the statement of one IssueWith, and where each
// table's columns are in its rows.
type issueWithStatement struct {
	name, text string
	issue      []scanColumn[models.Issue]
	source     []scanColumn[models.IssueSource]
	response   []scanColumn[models.Response]
	// sourceAt and responseAt are the positions of the first column of
	// issue_sources and of responses; issues' start at 1, after the part.
	sourceAt, responseAt int
}

// issueWithKey names one of the statements.
type issueWithKey struct {
	with   models.IssueWith
	noHTML bool
}

// issueWithStatement writes the statement for with; noHTML leaves the
// responses' stored HTML out (models.ReadParts).
func (db *DB) issueWithStatement(with models.IssueWith, noHTML bool) *issueWithStatement {
	st := &issueWithStatement{name: "issue-with"}
	tables := []struct{ name, alias string }{{"issues", "i"}}
	issueCols := db.tableColumns((*models.Issue)(nil))
	var sourceCols, responseCols []string
	if with.Sources {
		st.name += "/sources"
		sourceCols = db.tableColumns((*models.IssueSource)(nil))
		tables = append(tables, struct{ name, alias string }{"issue_sources", "s"})
	}
	if with.Responses {
		st.name += "/responses"
		responseCols = db.tableColumns((*models.Response)(nil))
		if noHTML {
			st.name += "/text"
			responseCols = responseTextColumns
		}
		tables = append(tables, struct{ name, alias string }{"responses", "r"})
	}

	var columns []string
	for _, c := range issueCols {
		columns = append(columns, "i."+c)
		st.issue = append(st.issue, issueScanColumns[c])
	}
	st.sourceAt = 1 + len(columns)
	for _, c := range sourceCols {
		columns = append(columns, "s."+c)
		st.source = append(st.source, sourceScanColumns[c])
	}
	st.responseAt = 1 + len(columns)
	for _, c := range responseCols {
		columns = append(columns, "r."+c)
		st.response = append(st.response, responseScanColumns[c])
	}
	list := strings.Join(columns, ", ")
	number := db.param()
	if db.dialect == SQLite {
		number = "?1" // the one parameter, used in every part
	}
	issueID := "(SELECT id FROM issues WHERE number = " + string(number) + ")"

	// On PostgreSQL a part's columns of the other tables are NULLs cast to
	// their column's type, which the UNION then gives the column
	// (docs/performance.md, "One issue, one statement").
	null := map[string]string{} // by alias.column
	if db.dialect == Postgres {
		for alias, model := range map[string]any{"i": (*models.Issue)(nil), "s": (*models.IssueSource)(nil), "r": (*models.Response)(nil)} {
			for _, f := range db.bun.Table(reflect.TypeOf(model).Elem()).Fields {
				null[alias+"."+f.Name] = "NULL::" + f.DiscoveredSQLType
			}
		}
	}
	// selectOf lists the columns for the part of table own.
	selectOf := func(own int) string {
		if db.dialect != Postgres {
			return list
		}
		cols := make([]string, len(columns))
		for k, c := range columns {
			cols[k] = c
			if !strings.HasPrefix(c, tables[own].alias+".") {
				cols[k] = null[c]
			}
		}
		return strings.Join(cols, ", ")
	}
	// from is the part's own table; on SQLite the others are joined so as
	// never to match.
	from := func(own int) string {
		f := "FROM " + tables[own].name + " AS " + tables[own].alias
		if db.dialect == Postgres {
			return f
		}
		for k, t := range tables {
			if k != own {
				f += " LEFT JOIN " + t.name + " AS " + t.alias + " ON " + t.alias + ".id = NULL"
			}
		}
		return f
	}
	var parts []string
	parts = append(parts, fmt.Sprintf("SELECT %d AS part, %s %s WHERE i.number = %s", partIssue, selectOf(0), from(0), number))
	order := []string{"1"}
	for k, t := range tables[1:] {
		part := partSource
		if t.alias == "r" {
			part = partResponse
		}
		parts = append(parts, fmt.Sprintf("SELECT %d, %s %s WHERE %s.issue_id = %s", part, selectOf(k+1), from(k+1), t.alias, issueID))
	}
	// Sources by detection, then id; responses by id (as their own reads).
	if with.Sources {
		order = append(order, position(columns, "s.detected_at"), position(columns, "s.id"))
	}
	if with.Responses {
		order = append(order, position(columns, "r.id"))
	}
	st.text = strings.Join(parts, " UNION ALL ") + " ORDER BY " + strings.Join(order, ", ")
	return st
}

// position is the ORDER BY position of column among the columns after the
// part.
func position(columns []string, column string) string {
	for i, c := range columns {
		if c == column {
			return strconv.Itoa(i + 2)
		}
	}
	panic("store: no column " + column)
}

// tableColumns are the columns of model's table, in bun's order.
func (db *DB) tableColumns(model any) []string {
	var names []string
	for _, f := range db.bun.Table(reflect.TypeOf(model).Elem()).Fields {
		names = append(names, f.Name)
	}
	return names
}

// IssueByNumberWith returns a visible issue, as IssueByNumber, with the
// sources and the responses the caller may see as with asks, read in one
// statement.
func (db *DB) IssueByNumberWith(ctx context.Context, number string, with models.IssueWith) (*models.IssueRows, error) {
	if !with.Sources && !with.Responses {
		issue, err := db.IssueByNumber(ctx, number)
		if err != nil {
			return nil, err
		}
		return &models.IssueRows{Issue: issue}, nil
	}
	if err := models.CheckArgument("number", number); err != nil {
		return nil, err
	}
	noHTML := models.ReadPartsFromContext(ctx).NoResponseHTML
	key := issueWithKey{with, noHTML}
	v, ok := db.issueWith.Load(key)
	if !ok {
		v, _ = db.issueWith.LoadOrStore(key, db.issueWithStatement(with, noHTML))
	}
	st := v.(*issueWithStatement)
	stmt, err := db.prepared(ctx, st.name, func() string { return st.text })
	if err != nil {
		return nil, wrapErr(err)
	}
	arg := strings.ToUpper(strings.TrimSpace(number))
	out, err := db.readIssueWith(ctx, stmt, st, arg)
	if err != nil {
		return nil, wrapErr(err)
	}
	if out.Issue == nil || !models.CanRead(models.UserFromContext(ctx), out.Issue) {
		return nil, notFound("Isu " + number)
	}
	if with.Sources {
		out.Sources = visibleSources(ctx, out.Sources)
		if out.Sources == nil {
			out.Sources = []*models.IssueSource{}
		}
	}
	if with.Responses {
		out.Responses = db.visibleResponses(ctx, out.Responses, noHTML)
		if out.Responses == nil {
			out.Responses = []*models.Response{}
		}
	}
	return out, nil
}

// readIssueWith runs st and sorts its rows into their models.
func (db *DB) readIssueWith(ctx context.Context, stmt *sql.Stmt, st *issueWithStatement, arg string) (out *models.IssueRows, err error) {
	ctx, done := db.queryHooks(ctx, st.name, []any{arg})
	defer func() { done(err) }()
	rows, err := stmt.QueryContext(ctx, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	width := 1 + len(st.issue) + len(st.source) + len(st.response)
	values := make([]any, width)
	dest := make([]any, width)
	for i := range values {
		dest[i] = &values[i]
	}
	out = &models.IssueRows{}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		var part int64
		if err := scanInt64(&part, values[0]); err != nil {
			return nil, err
		}
		switch part {
		case partIssue:
			out.Issue, err = scanPart(ctx, st.issue, values[1:])
		case partSource:
			var s *models.IssueSource
			s, err = scanPart(ctx, st.source, values[st.sourceAt:])
			out.Sources = append(out.Sources, s)
		case partResponse:
			var r *models.Response
			r, err = scanPart(ctx, st.response, values[st.responseAt:])
			out.Responses = append(out.Responses, r)
		}
		if err != nil {
			return nil, err
		}
	}
	return out, rows.Err()
}

// scanPart reads one row's values of a table into a new T.
func scanPart[T any](ctx context.Context, columns []scanColumn[T], values []any) (*T, error) {
	row := new(T)
	for i, scan := range columns {
		if err := scan(row, values[i]); err != nil {
			return nil, err
		}
	}
	if h, ok := any(row).(interface{ AfterScanRow(context.Context) error }); ok {
		if err := h.AfterScanRow(ctx); err != nil {
			return nil, err
		}
	}
	return row, nil
}
