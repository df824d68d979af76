package store

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// An import writes its issues in batches, each in a short transaction of
// its own. A batch starts at importBatchSize issues and is resized after each
// commit so that its transaction lasts about importBatchTime: long enough
// for multi-row statements to pay off, short enough that a staff member's
// change waiting for the write lock is hardly delayed.
const (
	importBatchSize    = 500
	importBatchMin     = 100
	importBatchMax     = 2000
	importBatchTime    = 150 * time.Millisecond
	importBatchTimeMin = time.Millisecond
)

// importPause is how long an import on SQLite leaves the write lock free
// between two batches. SQLite keeps no queue of waiting writers: a writer
// blocked by the import polls for the lock, at most 100 ms apart once it has
// waited a while (the busy handler's schedule), and a writer that starts its
// next transaction at once wins the lock again before any of them looks. A
// pause longer than the longest poll interval lets every waiting writer in.
// PostgreSQL queues lock waiters, so it needs no pause.
const importPause = 120 * time.Millisecond

// importWriter writes the checked issues of an import, batch by batch.
type importWriter struct {
	db         *DB
	actor      *models.User
	fileName   string
	agencies   map[string]*models.Agency
	categories map[string]int64
	// checked are the issues of the first pass, in file order; they carry
	// the numbers once reserved.
	checked  []*importRow
	byRef    map[string]*importRow
	reserved bool
	batch    []*importRow
	// skipped counts the rows imported before since the last batch.
	skipped int
	// started counts the batches begun.
	started int
	// size is the number of issues the next batch takes.
	size   int
	result *ImportResult
	// lanes is how many batches may be written at once (importLanes).
	lanes int
	// writing are the batches being written, oldest first: each channel
	// delivers its batch once it has been.
	writing []chan *importBatch
}

// importLanes is how many batches an import writes at once after its first.
// PostgreSQL writes two side by side, each on its own backend and processor,
// their rows taking locks of their own; they meet only at the audit chain's
// lock, taken at the end of each. SQLite has a single writer.
func importLanes(d Dialect) int {
	if d == Postgres {
		return 2
	}
	return 1
}

func (db *DB) newImportWriter(actor *models.User, fileName string, checked []*importRow,
	agencies map[string]*models.Agency, categories map[string]int64) *importWriter {
	byRef := make(map[string]*importRow, len(checked))
	for _, row := range checked {
		byRef[row.ref] = row
	}
	return &importWriter{db: db, actor: actor, fileName: fileName, agencies: agencies, categories: categories,
		checked: checked, byRef: byRef, size: importBatchSize, result: &ImportResult{}, lanes: importLanes(db.dialect)}
}

// add takes the next complete issue of the second pass, writing a batch
// when one is full.
func (w *importWriter) add(ctx context.Context, row *importRow) error {
	if row.existing {
		// The first pass's copy of the reference, which keeps no row alive.
		w.result.Skipped = append(w.result.Skipped, w.byRef[row.ref].ref)
		w.skipped++
		return nil
	}
	w.batch = append(w.batch, row)
	if len(w.batch) < w.size {
		return nil
	}
	return w.flush(ctx)
}

// flush starts writing the pending batch, in a transaction of its own, on
// another goroutine: while it is written, the file's next rows are read,
// checked and rendered, so that reading and writing overlap rather than take
// turns (docs/performance.md, "Import and reindex"). The first batch, which
// reserves the numbers of all, is written alone; then up to w.lanes at once.
// flush waits for the oldest batch when it must, and returns its error.
func (w *importWriter) flush(ctx context.Context) error {
	if len(w.batch) == 0 {
		return nil
	}
	w.renderResponses()
	for len(w.writing) > 0 && (len(w.writing) >= w.lanes || !w.reserved) {
		if err := w.waitOldest(); err != nil {
			return err
		}
	}
	b := &importBatch{rows: w.batch, skipped: w.skipped, number: w.started + 1, reserve: !w.reserved}
	w.batch, w.skipped = make([]*importRow, 0, w.size), 0
	w.started++
	done := make(chan *importBatch, 1)
	w.writing = append(w.writing, done)
	go func() {
		b.err = w.writeBatch(ctx, b)
		done <- b
	}()
	return nil
}

// importBatch is a batch being written and, once it has been, its outcome.
type importBatch struct {
	rows []*importRow
	// skipped counts the rows imported before since the previous batch.
	skipped int
	// number counts the batches of the import from 1; reserve is set for
	// the first, which reserves the numbers of every new issue.
	number  int
	reserve bool

	imported []string
	took     time.Duration
	err      error
}

// waitOldest waits for the oldest batch being written and takes its outcome
// into the result.
func (w *importWriter) waitOldest() error {
	b := <-w.writing[0]
	w.writing = w.writing[1:]
	if b.err != nil {
		return b.err
	}
	w.reserved = true
	w.size = min(max(int(int64(len(b.rows))*int64(importBatchTime)/int64(b.took)), importBatchMin), importBatchMax)
	written := make(map[string]bool, len(b.imported))
	for _, number := range b.imported {
		written[number] = true
	}
	for _, row := range b.rows {
		if checked := w.byRef[row.ref]; !written[checked.number] {
			w.result.Skipped = append(w.result.Skipped, checked.ref)
		}
	}
	w.result.Imported = append(w.result.Imported, b.imported...)
	return nil
}

// finish waits for every batch being written and returns the first error
// among them; the result counts every batch that was written.
func (w *importWriter) finish() error {
	var first error
	for len(w.writing) > 0 {
		if err := w.waitOldest(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// writeBatch writes one batch in a transaction of its own. It runs on its
// own goroutine: it changes nothing of the writer's but the numbers of the
// checked issues, which the first batch reserves, and b.
func (w *importWriter) writeBatch(ctx context.Context, b *importBatch) error {
	if b.number > 1 && w.db.dialect == SQLite {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(importPause):
		}
	}
	var numbers map[string]string
	start := time.Now()
	err := w.db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		numbers = nil
		if b.reserve {
			var err error
			if numbers, err = w.reserveNumbers(ctx, tx); err != nil {
				return err
			}
		}
		var err error
		b.imported, err = w.write(ctx, tx, b.rows, now)
		if err != nil || len(b.imported) == 0 {
			return err
		}
		changes := map[string]any{"imported": b.imported, "skipped": b.skipped + len(b.rows) - len(b.imported), "batch": b.number}
		if numbers != nil {
			changes["reserved"] = numbers
		}
		return w.db.appendAudit(ctx, tx, w.actor, now, models.AuditRecord{
			Action: "issue.import", Subject: "import:" + w.fileName, Changes: changes,
		})
	})
	if err != nil && b.reserve {
		// The reservation was rolled back with the batch.
		for _, row := range w.checked {
			row.number = ""
		}
	}
	b.took = max(time.Since(start), importBatchTimeMin)
	return err
}

// renderResponses renders the answers of the pending batch, on every core,
// while the batch before it is written: responses are stored with their
// HTML, as the API stores them (see renderHTML).
func (w *importWriter) renderResponses() {
	rows := make(chan *importRow)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for row := range rows {
				row.responseHTML = w.db.renderHTML(row.issue.Response.Body)
			}
		}()
	}
	for _, row := range w.batch {
		if row.issue.Response != nil && row.responseHTML == "" {
			rows <- row
		}
	}
	close(rows)
	wg.Wait()
}

// reserveNumbers takes a public number for every new issue of the file from
// the counters at once, handed out in logging order, and returns the ranges
// taken per year for the audit entry. An import that stops part-way leaves
// the numbers of the issues it did not write unused; the audit entry of its
// first batch records the whole range.
func (w *importWriter) reserveNumbers(ctx context.Context, tx bun.Tx) (map[string]string, error) {
	var fresh []*importRow
	for _, row := range w.checked {
		if !row.existing {
			fresh = append(fresh, row)
		}
	}
	sort.SliceStable(fresh, func(i, j int) bool { return fresh[i].logged.Before(fresh[j].logged) })
	perYear := map[int]int{}
	for _, row := range fresh {
		perYear[row.logged.In(w.db.loc).Year()]++
	}
	next := map[int]int{}
	ranges := map[string]string{}
	for year, n := range perYear {
		var last int
		err := tx.NewRaw(
			"INSERT INTO issue_counters (year, last_seq) VALUES (?, ?) "+
				"ON CONFLICT (year) DO UPDATE SET last_seq = issue_counters.last_seq + excluded.last_seq RETURNING last_seq", year, n).
			Scan(ctx, &last)
		if err != nil {
			return nil, fmt.Errorf("reserve issue numbers: %w", err)
		}
		next[year] = last - n + 1
		ranges[fmt.Sprint(year)] = models.IssueNumber(w.db.prefix, year, last-n+1) + " – " + models.IssueNumber(w.db.prefix, year, last)
	}
	for _, row := range fresh {
		year := row.logged.In(w.db.loc).Year()
		row.number = models.IssueNumber(w.db.prefix, year, next[year])
		next[year]++
	}
	return ranges, nil
}

// importedIssue is one issue of a batch with the rows that hang off it.
type importedIssue struct {
	issue    *models.Issue
	events   []*models.IssueEvent
	response *models.Response
}

// write inserts the batch with multi-row statements and returns the numbers
// of the issues written; an issue another import wrote meanwhile is left
// out.
func (w *importWriter) write(ctx context.Context, tx bun.Tx, rows []*importRow, now time.Time) ([]string, error) {
	schedule, err := w.db.schedule(ctx, tx)
	if err != nil {
		return nil, err
	}
	batch := make([]*importedIssue, len(rows))
	issues := make([]*models.Issue, len(rows))
	for i, row := range rows {
		item, err := w.history(row, schedule)
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", row.row, err)
		}
		batch[i], issues[i] = item, item.issue
	}
	var inserted []struct {
		ID     int64  `bun:"id"`
		Number string `bun:"number"`
	}
	err = tx.NewInsert().
		Model(&issues).
		On("CONFLICT (external_ref) DO NOTHING").
		Returning("id, number").
		Scan(ctx, &inserted)
	if err != nil {
		return nil, fmt.Errorf("insert issues: %w", err)
	}
	ids := make(map[string]int64, len(inserted))
	for _, r := range inserted {
		ids[r.Number] = r.ID
	}

	var numbers []string
	var sources []*models.IssueSource
	var events []*models.IssueEvent
	var responses []*models.Response
	var indexed []int64
	for i, item := range batch {
		id, ok := ids[item.issue.Number]
		if !ok {
			continue
		}
		item.issue.ID = id
		numbers = append(numbers, item.issue.Number)
		logged := item.issue.CreatedAt
		for _, s := range rows[i].issue.Sources {
			sources = append(sources, &models.IssueSource{IssueID: id, Platform: models.Platform(s.Platform), URL: s.URL,
				ClaimText: s.ClaimText, AccountHandle: s.AccountHandle, DetectedAt: logged.Add(-s.DetectedBefore), CreatedAt: logged})
		}
		for _, e := range item.events {
			e.IssueID = id
		}
		events = append(events, item.events...)
		if item.response != nil {
			item.response.IssueID = id
			responses = append(responses, item.response)
		}
		indexed = append(indexed, id)
	}
	if len(numbers) == 0 {
		return nil, nil
	}
	if err := insertRows(ctx, tx, &sources, len(sources)); err != nil {
		return nil, fmt.Errorf("insert sources: %w", err)
	}
	if err := insertRows(ctx, tx, &events, len(events)); err != nil {
		return nil, fmt.Errorf("insert events: %w", err)
	}
	if err := enqueueSearchBatch(ctx, tx, indexed); err != nil {
		return nil, err
	}
	if err := insertResponses(ctx, tx, responses); err != nil {
		return nil, err
	}
	return numbers, nil
}

// insertRows inserts a slice of models in one statement, without reading
// back their ids.
func insertRows(ctx context.Context, tx bun.Tx, rows any, n int) error {
	if n == 0 {
		return nil
	}
	_, err := tx.NewInsert().Model(rows).Returning("NULL").Exec(ctx)
	return err
}

// insertResponses inserts the published responses and their first
// revisions.
func insertResponses(ctx context.Context, tx bun.Tx, responses []*models.Response) error {
	if len(responses) == 0 {
		return nil
	}
	var inserted []struct {
		ID      int64 `bun:"id"`
		IssueID int64 `bun:"issue_id"`
	}
	if err := tx.NewInsert().Model(&responses).Returning("id, issue_id").Scan(ctx, &inserted); err != nil {
		return fmt.Errorf("insert responses: %w", err)
	}
	ids := make(map[int64]int64, len(inserted))
	for _, r := range inserted {
		ids[r.IssueID] = r.ID
	}
	revisions := make([]*models.ResponseRevision, len(responses))
	for i, r := range responses {
		revisions[i] = &models.ResponseRevision{ResponseID: ids[r.IssueID], Number: 1, Body: r.Body, BodyHTML: r.BodyHTML, Verdict: r.Verdict,
			AuthorID: r.AuthorID, CreatedAt: r.CreatedAt}
	}
	if err := insertRows(ctx, tx, &revisions, len(revisions)); err != nil {
		return fmt.Errorf("insert revisions: %w", err)
	}
	return nil
}

// history turns a checked row into the issue as it stands after its last
// step, with the event of every step, taking the steps through the model as
// the live API does: logged, assigned (with the due times of the policy and
// calendar), acknowledged (at the answer if the file gives no
// acknowledgement), answered with its published response, and closed.
func (w *importWriter) history(row *importRow, schedule models.Schedule) (*importedIssue, error) {
	d := &row.issue
	logged := row.logged
	issue := &models.Issue{
		Number: w.byRef[row.ref].number, Title: d.Title, Summary: d.Summary, Kind: models.IssueKind(d.Kind), ExternalRef: &row.ref,
		Status: models.StatusNew, CreatedAt: logged, UpdatedAt: logged,
	}
	if issue.Number == "" {
		return nil, fmt.Errorf("issue %s has no reserved number", row.ref)
	}
	if d.CategorySlug != "" {
		id := w.categories[d.CategorySlug]
		issue.CategoryID = &id
	}
	item := &importedIssue{issue: issue}
	item.events = append(item.events, &models.IssueEvent{Type: models.EventCreated, CreatedAt: logged})
	step := func(at time.Time, t models.Transition, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", t.Event, err)
		}
		for _, typ := range append(t.Implied, t.Event) {
			item.events = append(item.events, &models.IssueEvent{Type: typ, AgencyID: t.EventAgencyID, CreatedAt: at})
		}
		return nil
	}
	if d.Status == string(models.StatusNew) {
		return item, nil
	}

	agency := w.agencies[d.AgencySlug]
	assigned := logged.Add(d.AssignAfter)
	t, err := issue.Assign(w.actor, models.Assignment{AgencySlug: d.AgencySlug, Priority: models.Priority(d.Priority)}, agency, schedule, assigned)
	if err := step(assigned, t, err); err != nil {
		return nil, err
	}
	if d.AcknowledgeAfter > 0 || d.Status == string(models.StatusInProgress) {
		at := logged.Add(d.AcknowledgeAfter)
		t, err := issue.Acknowledge(w.actor, at)
		if err := step(at, t, err); err != nil {
			return nil, err
		}
	}
	if d.Response == nil {
		return item, nil
	}
	answered := logged.Add(d.AnswerAfter)
	item.response = &models.Response{
		AgencyID: agency.ID, Status: models.ResponsePublished, Body: d.Response.Body, BodyHTML: row.responseHTML, Verdict: optionalVerdict(d.Response.Verdict),
		Revision: 1, CreatedAt: answered, UpdatedAt: answered, PublishedAt: &answered,
	}
	t, err = issue.PublishAnswer(w.actor, item.response, answered)
	if err := step(answered, t, err); err != nil {
		return nil, err
	}
	if d.Status == string(models.StatusClosed) {
		at := logged.Add(d.CloseAfter)
		t, err := issue.Close(w.actor, at)
		if err := step(at, t, err); err != nil {
			return nil, err
		}
	}
	return item, nil
}
