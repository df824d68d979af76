package server

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"time"

	"github.com/kotabaru/tanggap/models"
)

// openDataFiles are the built files of /open-data/, by file name.
type openDataFiles struct {
	Files       map[string][]byte
	Generated   time.Time
	LastChanged time.Time // the latest change of any published issue
	Counts      map[string]int
}

// utf8BOM lets spreadsheet programs read the CSV files as UTF-8.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// buildOpenData reads every public issue, its published responses and
// their revisions as an anonymous caller, so nothing internal or personal
// (askers' names and contacts, staff names, account handles) can appear,
// and writes each table as CSV and JSON Lines, and all of them as a zip.
func (s *Server) buildOpenData(ctx context.Context) (*openDataFiles, error) {
	ctx = models.NewContextWithUser(ctx, nil)
	agencies, err := s.cfg.Services.Agencies.Agencies(ctx)
	if err != nil {
		return nil, err
	}
	categories, err := s.cfg.Services.Agencies.Categories(ctx)
	if err != nil {
		return nil, err
	}
	agencyOf := map[int64]*models.Agency{}
	for _, a := range agencies {
		agencyOf[a.ID] = a
	}
	categoryOf := map[int64]string{}
	for _, c := range categories {
		categoryOf[c.ID] = c.Slug
	}
	var issues []*models.Issue
	if err := eachPublicIssue(ctx, s.cfg.Services.Issues, models.OrderOldest, func(i *models.Issue) error {
		issues = append(issues, i)
		return nil
	}); err != nil {
		return nil, err
	}
	numberOf := map[int64]string{}
	for _, i := range issues {
		numberOf[i.ID] = i.Number
	}
	now := s.cfg.Now().UTC()
	out := &openDataFiles{Files: map[string][]byte{}, Generated: now, Counts: map[string]int{}}
	tables := map[string][][]any{}
	for _, i := range issues {
		if i.UpdatedAt.After(out.LastChanged) {
			out.LastChanged = i.UpdatedAt.UTC()
		}
		agencySlug, agencyName := "", ""
		if a := agencyOf[derefID(i.AgencyID)]; a != nil {
			agencySlug, agencyName = a.Slug, a.Name
		}
		var verdictLabel any
		if i.Verdict != nil {
			verdictLabel = i.Verdict.Label()
		}
		var duplicateOf any
		if i.DuplicateOfID != nil {
			if n, ok := numberOf[*i.DuplicateOfID]; ok {
				duplicateOf = n
			}
		}
		tables[issuesTable.Name] = append(tables[issuesTable.Name], []any{
			i.Number, s.issueURL(i.Number), i.Title, i.Summary, string(i.Kind), string(i.Status), optional(i.Priority),
			optional(i.Verdict), verdictLabel, optionalString(categoryOf[derefID(i.CategoryID)]), optionalString(agencySlug),
			optionalString(agencyName), duplicateOf, instant(&i.CreatedAt), instant(i.AssignedAt), instant(i.AcknowledgedAt),
			instant(i.AnsweredAt), instant(i.ClosedAt), instant(&i.UpdatedAt),
		})
		if i.AssignedAt != nil {
			tables[responseTimesTable.Name] = append(tables[responseTimesTable.Name], []any{
				i.Number, optionalString(agencySlug), optional(i.Priority), instant(i.AssignedAt),
				instant(i.AcknowledgeDueAt), instant(i.AcknowledgedAt), onTime(i.AcknowledgedAt, i.AcknowledgeDueAt, now),
				instant(i.AnswerDueAt), instant(i.AnsweredAt), onTime(i.AnsweredAt, i.AnswerDueAt, now),
				minutesBetween(i.AssignedAt, i.AcknowledgedAt), minutesBetween(i.AssignedAt, i.AnsweredAt), i.IsOverdue(now),
			})
		}
	}
	responseRows, err := s.responseRows(ctx, issues, agencyOf)
	if err != nil {
		return nil, err
	}
	tables[responsesTable.Name] = responseRows

	var archive bytes.Buffer
	zw := zip.NewWriter(&archive)
	for _, table := range openDataTables {
		rows := tables[table.Name]
		out.Counts[table.Name] = len(rows)
		csvFile, jsonl := encodeTable(table, rows)
		out.Files[table.Name+".csv"] = csvFile
		out.Files[table.Name+".jsonl"] = jsonl
		for _, name := range []string{table.Name + ".csv", table.Name + ".jsonl"} {
			// The entries carry the data's own time, so the same data gives
			// the same archive and the same ETag.
			f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: out.LastChanged})
			if err != nil {
				return nil, err
			}
			if _, err := f.Write(out.Files[name]); err != nil {
				return nil, err
			}
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	out.Files[openDataArchive] = archive.Bytes()
	return out, nil
}

// openDataArchive is the file name of the zip of every table.
const openDataArchive = "tanggap-open-data.zip"

// responseRows lists every published version of every public response.
func (s *Server) responseRows(ctx context.Context, issues []*models.Issue, agencyOf map[int64]*models.Agency) ([][]any, error) {
	var rows [][]any
	for start := 0; start < len(issues); start += 100 {
		chunk := issues[start:min(start+100, len(issues))]
		ids := make([]int64, len(chunk))
		numberOf := map[int64]string{}
		for k, i := range chunk {
			ids[k] = i.ID
			numberOf[i.ID] = i.Number
		}
		responses, err := s.cfg.Services.Responses.ResponsesByIssueIDs(ctx, ids)
		if err != nil {
			return nil, err
		}
		var published []*models.Response
		var responseIDs []int64
		for _, r := range responses {
			if r.Status == models.ResponsePublished {
				published = append(published, r)
				responseIDs = append(responseIDs, r.ID)
			}
		}
		if len(responseIDs) == 0 {
			continue
		}
		revisions, err := s.cfg.Services.Responses.RevisionsByResponseIDs(ctx, responseIDs)
		if err != nil {
			return nil, err
		}
		revisionsOf := map[int64][]*models.ResponseRevision{}
		for _, rev := range revisions {
			revisionsOf[rev.ResponseID] = append(revisionsOf[rev.ResponseID], rev)
		}
		for _, r := range published {
			agency := ""
			if a := agencyOf[r.AgencyID]; a != nil {
				agency = a.Slug
			}
			for _, rev := range revisionsOf[r.ID] {
				var label, reason any
				if rev.Verdict != nil {
					label = rev.Verdict.Label()
				}
				if rev.Number > 1 {
					reason = rev.Reason
				}
				rows = append(rows, []any{
					numberOf[r.IssueID], optionalString(agency), rev.Number, rev.Number == r.Revision,
					instant(&rev.CreatedAt), optional(rev.Verdict), label, reason, rev.Body,
				})
			}
		}
	}
	return rows, nil
}

// encodeTable writes rows as CSV (UTF-8 with a byte-order mark, a header
// row, formula-like cells defused) and as JSON Lines (one object a line,
// typed values, null for empty).
func encodeTable(table openDataTable, rows [][]any) (csvFile, jsonl []byte) {
	var c bytes.Buffer
	c.Write(utf8BOM)
	w := &safeCSV{Writer: csv.NewWriter(&c)}
	header := make([]string, len(table.Columns))
	for k, col := range table.Columns {
		header[k] = col.Name
	}
	w.Write(header) //nolint:errcheck // a buffer does not fail
	var j bytes.Buffer
	for _, row := range rows {
		record := make([]string, len(row))
		object := make(map[string]any, len(row))
		for k, v := range row {
			record[k] = cell(v)
			object[header[k]] = v
		}
		w.Write(record) //nolint:errcheck // a buffer does not fail
		line, _ := json.Marshal(object)
		j.Write(line)
		j.WriteByte('\n')
	}
	w.Flush()
	return c.Bytes(), j.Bytes()
}

func cell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func instant(t *time.Time) any {
	if t == nil || t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}

func optional[T ~string](v *T) any {
	if v == nil {
		return nil
	}
	return string(*v)
}

func optionalString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// onTime says whether a clock stopped by its due time: empty while it runs
// and is not yet due.
func onTime(done, due *time.Time, now time.Time) any {
	switch {
	case due == nil:
		return nil
	case done != nil:
		return !done.After(*due)
	case now.After(*due):
		return false
	}
	return nil
}

func minutesBetween(from, to *time.Time) any {
	if from == nil || to == nil {
		return nil
	}
	return int64(to.Sub(*from).Minutes())
}
