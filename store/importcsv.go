package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// ImportColumns are the columns of an import file, in the documented order.
// The header row names them; their order in a file is free.
var ImportColumns = []string{
	"external_ref", "title", "summary", "kind", "category", "logged_at",
	"source_platform", "source_url", "source_claim", "source_detected_at",
	"agency", "priority", "assigned_at", "acknowledged_at", "answered_at", "closed_at",
	"response", "verdict",
}

var requiredColumns = []string{"external_ref", "title", "summary", "kind", "logged_at"}

// RowError is one problem of an import file, with its row number (the
// header is row 1) and column.
type RowError struct {
	Row     int
	Column  string
	Message string
}

func (e RowError) String() string {
	if e.Column == "" {
		return fmt.Sprintf("baris %d: %s", e.Row, e.Message)
	}
	return fmt.Sprintf("baris %d, kolom %s: %s", e.Row, e.Column, e.Message)
}

// ImportError lists every problem found in a file; nothing was imported.
type ImportError struct{ Rows []RowError }

func (e *ImportError) Error() string {
	lines := make([]string, len(e.Rows))
	for i, r := range e.Rows {
		lines[i] = r.String()
	}
	return fmt.Sprintf("%d kesalahan, tidak ada yang diimpor:\n%s", len(e.Rows), strings.Join(lines, "\n"))
}

// ImportResult says what an import did.
type ImportResult struct {
	Imported []string // numbers of the new issues
	Skipped  []string // external references already imported
}

// ImportStoppedError says that an import stopped part-way, after the issues
// in Imported were saved; running the same import again adds the rest.
type ImportStoppedError struct {
	Imported []string
	Err      error
}

func (e *ImportStoppedError) Error() string {
	return fmt.Sprintf("impor terhenti setelah %d isu tersimpan; jalankan lagi impor yang sama untuk menyelesaikannya: %v", len(e.Imported), e.Err)
}

func (e *ImportStoppedError) Unwrap() error { return e.Err }

// importRow is one issue of a file, with its extra source rows folded in.
type importRow struct {
	row    int
	ref    string
	logged time.Time
	issue  models.IssueRecord
	// Learnt by the checking pass: the issue's last row (its last
	// continuation row), whether it was imported before, and its number.
	last     int
	existing bool
	number   string
	// responseHTML is the response rendered by the writer before the
	// transaction of its batch opens (see renderHTML).
	responseHTML string
}

// ImportCSV imports issues with their sources, assignment, timestamps and
// official responses from a CSV file (layout: ImportColumns). It reads r
// twice, one row at a time, so a file of any size is imported in bounded
// memory. The first pass checks every row and returns all problems together
// as *ImportError, with nothing imported. The second writes the new issues
// in batches of importBatchSize, each in a short transaction of its own
// with its audit entry and search index job, so that other writers are never
// kept waiting for long; batches are written while the next are read. Rows whose external_ref was imported before are
// skipped, so importing the same file again changes nothing, and an import
// that stopped part-way (returned as *ImportStoppedError, or a killed
// process) is finished by running it again. Numbers are handed out in
// logging order, reserved together when the first batch is saved. Only the
// command line (system user) may import.
func (db *DB) ImportCSV(ctx context.Context, r io.ReadSeeker, fileName string) (*ImportResult, error) {
	actor := models.UserFromContext(ctx)
	if !actor.IsSystem() {
		return nil, forbidden()
	}
	p, err := db.newImportParser(ctx)
	if err != nil {
		return nil, err
	}
	// The first pass keeps only what numbering and later continuation rows
	// need of each issue.
	var issues []*importRow
	err = p.scan(r, func(rowNum int, row *importRow) error {
		if row.row == rowNum {
			issues = append(issues, row)
		}
		row.last, row.issue = rowNum, models.IssueRecord{}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(p.errs) > 0 {
		return nil, &ImportError{Rows: p.errs}
	}
	checked := p.byRef
	if err := db.markImported(ctx, issues); err != nil {
		return nil, wrapErr(err)
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("rewind import file: %w", err)
	}

	w := db.newImportWriter(actor, fileName, issues, p.agencies, p.categories)
	p.reset()
	err = p.scan(r, func(rowNum int, row *importRow) error {
		first := checked[row.ref]
		if len(p.errs) > 0 {
			return errFileChanged
		}
		if first == nil || (row.row == rowNum && first.row != rowNum) {
			return errFileChanged
		}
		if rowNum < first.last {
			return nil // more continuation rows to come
		}
		delete(p.byRef, row.ref)
		row.existing = first.existing
		return w.add(ctx, row)
	})
	if err == nil && len(p.errs) > 0 {
		err = errFileChanged
	}
	if err == nil {
		err = w.flush(ctx)
	}
	// Whatever stopped the reading, the batches being written are waited
	// for: the result counts them, and nothing writes after the import
	// returns.
	if werr := w.finish(); err == nil {
		err = werr
	}
	db.refreshStatistics(ctx, len(w.result.Imported))
	if err != nil {
		if len(w.result.Imported) > 0 {
			return nil, &ImportStoppedError{Imported: w.result.Imported, Err: wrapErr(err)}
		}
		return nil, wrapErr(err)
	}
	sort.Strings(w.result.Imported)
	return w.result, nil
}

// importedTables are the tables an import fills, with the columns reads
// filter, join and sort on: every column of issues, the others without
// their long texts, whose statistics no plan uses and would cost most of
// the time.
const importedTables = "issues, " +
	"issue_sources (id, issue_id, platform, detected_at, created_at), " +
	"issue_events (id, issue_id, type, actor_id, agency_id, created_at), " +
	"responses (id, issue_id, agency_id, status, verdict, author_id, revision, created_at, updated_at, published_at), " +
	"response_revisions (id, response_id, number, verdict, author_id, created_at)"

// refreshStatistics has PostgreSQL gather the statistics of the imported
// tables again when an import added at least a tenth of the issues they
// knew of (autovacuum's default threshold for the same), or when they were
// never gathered: planned on statistics of an empty table, the reads right
// after an import — `tanggap reindex` first — scan whole tables where an
// index finds the rows (docs/performance.md, "Import and reindex"). The
// issues are saved either way, so a failure is only logged.
func (db *DB) refreshStatistics(ctx context.Context, imported int) {
	if db.dialect != Postgres || imported == 0 {
		return
	}
	var known float64
	err := db.bun.NewRaw("SELECT reltuples FROM pg_class WHERE oid = 'issues'::regclass").Scan(ctx, &known)
	if err == nil && known >= 0 && float64(imported) < known/10 {
		return
	}
	if err == nil {
		_, err = db.bun.NewRaw("ANALYZE " + importedTables).Exec(ctx)
	}
	if err != nil {
		slog.WarnContext(ctx, "gather statistics after an import", "error", err)
	}
}

// errFileChanged stops an import whose file read differently the second time.
var errFileChanged = models.Errorf(models.ECONFLICT, "Berkas berubah selama impor; periksa berkasnya lalu jalankan impor lagi")

func (db *DB) newImportParser(ctx context.Context) (*importParser, error) {
	agencies, err := db.Agencies(ctx)
	if err != nil {
		return nil, err
	}
	categories, err := db.Categories(ctx)
	if err != nil {
		return nil, err
	}
	p := &importParser{loc: db.loc, now: db.now(), agencies: map[string]*models.Agency{}, categories: map[string]int64{}}
	for _, a := range agencies {
		p.agencies[a.Slug] = a
	}
	for _, c := range categories {
		p.categories[c.Slug] = c.ID
	}
	p.reset()
	return p, nil
}

// markImported marks the issues whose external_ref is already in the
// database.
func (db *DB) markImported(ctx context.Context, issues []*importRow) error {
	const chunk = 500
	byRef := make(map[string]*importRow, chunk)
	for start := 0; start < len(issues); start += chunk {
		clear(byRef)
		refs := make([]string, 0, chunk)
		for _, row := range issues[start:min(start+chunk, len(issues))] {
			byRef[row.ref] = row
			refs = append(refs, row.ref)
		}
		var found []string
		err := db.bun.NewSelect().
			Model((*models.Issue)(nil)).
			Column("external_ref").
			Where("external_ref IN (?)", bun.In(refs)).
			Scan(ctx, &found)
		if err != nil {
			return fmt.Errorf("look up imported references: %w", err)
		}
		for _, ref := range found {
			byRef[ref].existing = true
		}
	}
	return nil
}

type importParser struct {
	loc        *time.Location
	now        time.Time
	agencies   map[string]*models.Agency
	categories map[string]int64
	errs       []RowError
	// columns maps a column name to its index in a row.
	columns map[string]int
	// byRef holds the issues read so far whose continuation rows may follow.
	byRef map[string]*importRow
}

func (p *importParser) fail(row int, column, format string, args ...any) {
	p.errs = append(p.errs, RowError{Row: row, Column: column, Message: fmt.Sprintf(format, args...)})
}

// reset prepares the parser for another pass over a file.
func (p *importParser) reset() {
	p.errs, p.columns, p.byRef = nil, map[string]int{}, map[string]*importRow{}
}

// scan reads r one row at a time and validates each. It calls visit with the
// issue every data row belongs to: a row starting an issue, or a
// continuation row (repeating the external_ref with only source columns
// filled) whose source it added to the issue before. Problems are collected
// in p.errs; scan returns early only for a file it cannot read on, or when
// visit fails.
func (p *importParser) scan(r io.Reader, visit func(rowNum int, row *importRow) error) error {
	rows := newCSVRows(r)
	rowNum, read := 0, 0
	for {
		record, n, err := rows.next()
		if err == io.EOF {
			break
		}
		var bad *badRow
		if errors.As(err, &bad) {
			p.errs = append(p.errs, bad.RowError)
			return nil
		}
		if err != nil {
			return err
		}
		if rowNum = n; rowNum == 1 {
			if !p.header(record) {
				return nil
			}
			continue
		}
		read++
		row := p.record(rowNum, record)
		if row == nil {
			continue
		}
		if err := visit(rowNum, row); err != nil {
			return err
		}
	}
	if read == 0 {
		p.fail(max(rowNum, 1), "", "berkas harus berisi baris judul kolom dan minimal satu baris data")
	}
	return nil
}

// header reads the column names of the first row.
func (p *importParser) header(record []string) bool {
	for i, name := range record {
		name = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(name, "\ufeff")))
		if !contains(ImportColumns, name) {
			p.fail(1, name, "kolom tidak dikenal; kolom yang berlaku: %s", strings.Join(ImportColumns, ", "))
			continue
		}
		p.columns[name] = i
	}
	for _, name := range requiredColumns {
		if _, ok := p.columns[name]; !ok {
			p.fail(1, name, "kolom wajib tidak ada")
		}
	}
	return len(p.errs) == 0
}

// record validates one data row and returns the issue it belongs to, or nil
// if it has no external_ref or repeats one wrongly.
func (p *importParser) record(rowNum int, record []string) *importRow {
	get := func(col string) string {
		if j, ok := p.columns[col]; ok && j < len(record) {
			return strings.TrimSpace(record[j])
		}
		return ""
	}
	if !p.cells(rowNum, record) {
		return nil
	}
	ref := get("external_ref")
	if ref == "" {
		p.fail(rowNum, "external_ref", "wajib diisi")
		return nil
	}
	if first, ok := p.byRef[ref]; ok {
		if get("title") != "" || get("summary") != "" || get("kind") != "" {
			p.fail(rowNum, "external_ref", "%q sudah dipakai di baris %d; baris lanjutan hanya boleh berisi kolom source_*", ref, first.row)
			return nil
		}
		p.source(rowNum, first, get)
		return first
	}
	// The fields of a record share one string: a reference kept for the
	// whole file must not keep its row.
	ref = strings.Clone(ref)
	row := &importRow{row: rowNum, ref: ref}
	p.issue(rowNum, row, get)
	p.byRef[ref] = row
	return row
}

// cells refuses a row with a cell no database can store: a NUL character
// or bytes that are not UTF-8.
func (p *importParser) cells(rowNum int, record []string) bool {
	ok := true
	for j, cell := range record {
		column := ""
		for name, k := range p.columns {
			if k == j {
				column = name
			}
		}
		if err := models.CheckArgument(column, cell); err != nil {
			p.fail(rowNum, column, "%s", models.ErrorMessage(err))
			ok = false
		}
	}
	return ok
}

func (p *importParser) issue(rowNum int, row *importRow, get func(string) string) {
	errsBefore := len(p.errs)
	d := &row.issue
	if len(row.ref) > models.MaxExternalRef {
		p.fail(rowNum, "external_ref", "maksimal %d karakter", models.MaxExternalRef)
	}
	var err error
	if d.Title, err = models.CheckTitle("title", get("title")); err != nil {
		p.fail(rowNum, "title", "%s", models.ErrorMessage(err))
	}
	if d.Summary, err = models.CheckSummary("summary", get("summary")); err != nil {
		p.fail(rowNum, "summary", "%s", models.ErrorMessage(err))
	}
	kind := models.IssueKind(strings.ToUpper(get("kind")))
	if !kind.Valid() {
		p.fail(rowNum, "kind", "jenis %q tidak dikenal (MISINFORMATION, COMPLAINT, QUESTION, INFORMATION_REQUEST, ASPIRATION)", get("kind"))
	}
	d.Kind = string(kind)
	if slug := get("category"); slug != "" {
		if _, ok := p.categories[slug]; !ok {
			p.fail(rowNum, "category", "kategori %q tidak ada", slug)
		}
		d.CategorySlug = slug
	}
	logged, ok := p.time(rowNum, "logged_at", get("logged_at"), true)
	row.logged = logged
	p.source(rowNum, row, get)

	assigned, hasAssigned := p.time(rowNum, "assigned_at", get("assigned_at"), false)
	acknowledged, hasAck := p.time(rowNum, "acknowledged_at", get("acknowledged_at"), false)
	answered, hasAnswer := p.time(rowNum, "answered_at", get("answered_at"), false)
	closed, hasClosed := p.time(rowNum, "closed_at", get("closed_at"), false)
	agency, priority := get("agency"), models.Priority(strings.ToUpper(get("priority")))
	if hasAssigned || agency != "" || priority != "" {
		if _, known := p.agencies[agency]; !known {
			p.fail(rowNum, "agency", "instansi %q tidak ada", agency)
		}
		if !priority.Valid() {
			p.fail(rowNum, "priority", "prioritas %q tidak dikenal (URGENT, HIGH, NORMAL, LOW)", get("priority"))
		}
		if !hasAssigned {
			p.fail(rowNum, "assigned_at", "wajib diisi bila instansi dan prioritas diisi")
		}
	}
	d.AgencySlug, d.Priority = agency, string(priority)
	// Each step needs the one before it and cannot precede it.
	steps := []struct {
		column string
		at     time.Time
		has    bool
	}{{"logged_at", logged, ok}, {"assigned_at", assigned, hasAssigned}, {"acknowledged_at", acknowledged, hasAck}, {"answered_at", answered, hasAnswer}, {"closed_at", closed, hasClosed}}
	for i := 2; i < len(steps); i++ {
		if steps[i].has && !steps[i-1].has && steps[i].column != "answered_at" {
			p.fail(rowNum, steps[i].column, "memerlukan %s", steps[i-1].column)
		}
	}
	if hasAnswer && !hasAssigned {
		p.fail(rowNum, "answered_at", "memerlukan assigned_at")
	}
	last := steps[0]
	for _, s := range steps[1:] {
		if !s.has {
			continue
		}
		if last.has && s.at.Before(last.at) {
			p.fail(rowNum, s.column, "tidak boleh sebelum %s", last.column)
		}
		last = s
	}
	body, verdict := get("response"), models.Verdict(strings.ToUpper(get("verdict")))
	switch {
	case hasAnswer && body == "":
		p.fail(rowNum, "response", "wajib diisi bila answered_at diisi")
	case !hasAnswer && body != "":
		p.fail(rowNum, "answered_at", "wajib diisi bila ada jawaban")
	case body != "":
		// The rules of a published answer, with the file's column names.
		if _, err := models.RequireSource("response", body, models.MinResponseBody, models.MaxResponseBody); err != nil {
			p.fail(rowNum, "response", "%s", models.ErrorMessage(err))
		}
	}
	var v *models.Verdict
	if verdict != "" {
		v = &verdict
	}
	if err := models.CheckVerdict(kind, v, body != ""); err != nil {
		p.fail(rowNum, "verdict", "%s", models.ErrorMessage(err))
	}
	if len(p.errs) > errsBefore {
		return
	}
	d.Status = "NEW"
	if hasAssigned {
		d.Status, d.AssignAfter = "ASSIGNED", assigned.Sub(logged)
	}
	if hasAck {
		d.Status, d.AcknowledgeAfter = "IN_PROGRESS", acknowledged.Sub(logged)
	}
	if hasAnswer {
		d.Status, d.AnswerAfter = "ANSWERED", answered.Sub(logged)
		d.Response = &models.ResponseRecord{Body: body, Verdict: string(verdict)}
	}
	if hasClosed {
		d.Status, d.CloseAfter = "CLOSED", closed.Sub(logged)
	}
}

// sourceColumns names the columns of a source's fields as models.CheckSource
// names them; "input" is the source as a whole.
var sourceColumns = map[string]string{
	"platform": "source_platform", "url": "source_url", "claimText": "source_claim", "input": "source_claim",
}

// source adds the source columns of a row, if any, to row's issue.
func (p *importParser) source(rowNum int, row *importRow, get func(string) string) {
	platform, url, claim := models.Platform(strings.ToUpper(get("source_platform"))), get("source_url"), get("source_claim")
	if platform == "" && url == "" && claim == "" {
		return
	}
	checked, err := models.CheckSource("", models.IssueSourceInput{Platform: platform, URL: url, ClaimText: claim}, p.now)
	if err != nil {
		p.fail(rowNum, sourceColumns[models.ErrorField(err)], "%s", models.ErrorMessage(err))
		return
	}
	url, claim = checked.URL, checked.ClaimText
	detected := row.logged
	if v := get("source_detected_at"); v != "" {
		t, ok := p.time(rowNum, "source_detected_at", v, true)
		if !ok {
			return
		}
		detected = t
	}
	before := row.logged.Sub(detected)
	if before < 0 {
		before = 0
	}
	row.issue.Sources = append(row.issue.Sources, models.SourceRecord{Platform: string(platform), URL: url, ClaimText: claim, DetectedBefore: before})
}

// time reads an RFC 3339 instant or a local "YYYY-MM-DD HH:MM" in the
// deployment's time zone; it must lie between 1 January 2000 and now.
func (p *importParser) time(rowNum int, column, value string, required bool) (time.Time, bool) {
	if value == "" {
		if required {
			p.fail(rowNum, column, "wajib diisi")
		}
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, value)
	if err != nil {
		t, err = time.ParseInLocation("2006-01-02 15:04", value, p.loc)
	}
	if err != nil {
		p.fail(rowNum, column, "waktu %q tidak valid (gunakan 2026-03-01T09:30:00+08:00 atau 2026-03-01 09:30)", value)
		return time.Time{}, false
	}
	if t.After(p.now) {
		p.fail(rowNum, column, "waktu %q ada di masa depan", value)
		return time.Time{}, false
	}
	if err := models.CheckEventTime(column, t, p.now); err != nil {
		p.fail(rowNum, column, "waktu %q tidak wajar: %s", value, models.ErrorMessage(err))
		return time.Time{}, false
	}
	return t.UTC().Truncate(time.Microsecond), true
}

func contains(all []string, s string) bool {
	for _, a := range all {
		if a == s {
			return true
		}
	}
	return false
}
