package server

import (
	"encoding/csv"
	"fmt"
	"log/slog"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/kotabaru/tanggap/models"
)

// exportHandler streams CSV downloads for auditors: issues with every
// timestamp and due time, the per-agency response-time report, the audit
// log and the annual information report. The bearer token is required; no
// cookie ever authenticates a download.
func (s *Server) exportHandler(write func(w *safeCSV, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user := models.UserFromContext(r.Context())
		switch {
		case user == nil:
			unauthorized(w, r)
			return
		case user.Role != models.RoleAuditor && user.Role != models.RoleAdmin:
			writeJSON(w, http.StatusForbidden, errorBody(models.EFORBIDDEN, "Unduhan CSV hanya untuk auditor dan admin."))
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", exportName(r)))
		w.Header().Set("Cache-Control", "no-store")
		tracked := &trackingWriter{ResponseWriter: w}
		out := &safeCSV{Writer: csv.NewWriter(tracked)}
		err := write(out, r)
		if err == nil {
			out.Flush()
			return
		}
		code := models.ErrorCode(err)
		if code == models.EINTERNAL {
			slog.ErrorContext(r.Context(), "export failed", "request_id", w.Header().Get("X-Request-ID"), "route", r.URL.Path, "err", err)
		}
		if !tracked.wrote {
			w.Header().Del("Content-Disposition")
			status := map[string]int{models.EINVALID: http.StatusBadRequest, models.ENOTFOUND: http.StatusNotFound}[code]
			if status == 0 {
				status = http.StatusInternalServerError
			}
			writeJSON(w, status, errorBody(code, models.ErrorMessage(err)))
			return
		}
		// Rows were already streamed: the file ends with a marker line.
		out.Write([]string{"# unduhan terputus: kesalahan internal, kode permintaan " + w.Header().Get("X-Request-ID")})
		out.Flush()
	})
}

// safeCSV writes rows for spreadsheets: a cell that would start a formula
// (=, +, -, @, tab, carriage return) is prefixed with an apostrophe, so a
// title written by anyone cannot run in an auditor's spreadsheet.
type safeCSV struct{ *csv.Writer }

func (w *safeCSV) Write(record []string) error {
	for i, cell := range record {
		if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && !isNumber(cell) {
			record[i] = "'" + cell
		}
	}
	return w.Writer.Write(record)
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// trackingWriter notes whether any byte of the body was sent.
type trackingWriter struct {
	http.ResponseWriter
	wrote bool
}

func (t *trackingWriter) Write(b []byte) (int, error) {
	t.wrote = true
	return t.ResponseWriter.Write(b)
}

func exportName(r *http.Request) string {
	return "tanggap-" + path.Base(r.URL.Path)
}

func errorBody(code, message string) map[string]any {
	return map[string]any{"errors": []map[string]any{{"message": message, "extensions": map[string]string{"code": code}}}}
}

func (s *Server) formatTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.In(s.cfg.Store.Location()).Format(time.RFC3339)
}

func (s *Server) exportIssues(w *safeCSV, r *http.Request) error {
	w.Write([]string{"number", "title", "kind", "status", "priority", "verdict", "agency_id", "category_id", "internal",
		"created_at", "assigned_at", "acknowledge_due_at", "acknowledged_at", "answer_due_at", "answered_at", "closed_at", "overdue_now"})
	agencies, err := s.agencySlugs(r)
	if err != nil {
		return err
	}
	now := time.Now()
	filter := models.IssueFilter{Order: models.OrderOldest, First: 100}
	for {
		page, err := s.cfg.Store.FindIssues(r.Context(), filter)
		if err != nil {
			return err
		}
		for _, i := range page.Issues {
			w.Write([]string{
				i.Number, i.Title, string(i.Kind), string(i.Status), ptrString(i.Priority), ptrString(i.Verdict),
				agencies[derefID(i.AgencyID)], strconv.FormatInt(derefID(i.CategoryID), 10), strconv.FormatBool(i.Internal),
				s.formatTime(&i.CreatedAt), s.formatTime(i.AssignedAt), s.formatTime(i.AcknowledgeDueAt), s.formatTime(i.AcknowledgedAt),
				s.formatTime(i.AnswerDueAt), s.formatTime(i.AnsweredAt), s.formatTime(i.ClosedAt), strconv.FormatBool(i.IsOverdue(now)),
			})
		}
		w.Flush()
		if !page.HasNextPage {
			return w.Error()
		}
		filter.After = page.Cursors[len(page.Cursors)-1]
	}
}

func (s *Server) agencySlugs(r *http.Request) (map[int64]string, error) {
	agencies, err := s.cfg.Store.Agencies(r.Context())
	if err != nil {
		return nil, err
	}
	slugs := map[int64]string{0: ""}
	for _, a := range agencies {
		slugs[a.ID] = a.Slug
	}
	return slugs, nil
}

func (s *Server) exportResponseTimes(w *safeCSV, r *http.Request) error {
	var f models.ReportFilter
	var err error
	if f.From, err = queryTime(r, "from"); err != nil {
		return err
	}
	if f.To, err = queryTime(r, "to"); err != nil {
		return err
	}
	report, err := s.cfg.Store.ResponseTimeReport(r.Context(), f)
	if err != nil {
		return err
	}
	w.Write([]string{"agency", "assigned", "answered", "open", "overdue_now",
		"acknowledged_on_time", "acknowledged_of", "answered_on_time", "answered_of",
		"acknowledge_count", "acknowledge_working_median_s", "acknowledge_working_p90_s", "acknowledge_clock_median_s", "acknowledge_clock_p90_s",
		"answer_count", "answer_working_median_s", "answer_working_p90_s", "answer_clock_median_s", "answer_clock_p90_s"})
	for _, row := range append(report.Agencies, report.Total) {
		name := "TOTAL"
		if row.Agency != nil {
			name = row.Agency.Slug
		}
		w.Write(append(append([]string{name, itoa(row.Assigned), itoa(row.Answered), itoa(row.Open), itoa(row.OverdueNow),
			itoa(row.AcknowledgedOnTime.OnTime), itoa(row.AcknowledgedOnTime.Of), itoa(row.AnsweredOnTime.OnTime), itoa(row.AnsweredOnTime.Of)},
			stats(row.TimeToAcknowledge)...), stats(row.TimeToAnswer)...))
	}
	return w.Error()
}

// stats writes a figure's quantiles in seconds; below the minimum count the
// cells are empty, as on the portal.
func stats(d models.DurationStats) []string {
	return []string{itoa(d.Count), seconds(d.WorkingMedian), seconds(d.WorkingP90), seconds(d.ClockMedian), seconds(d.ClockP90)}
}

func (s *Server) exportAudit(w *safeCSV, r *http.Request) error {
	w.Write([]string{"id", "at", "actor_id", "actor_role", "action", "subject", "changes", "prev_hash", "hash"})
	filter := models.AuditFilter{First: 100}
	for {
		page, err := s.cfg.Store.AuditLog(r.Context(), filter)
		if err != nil {
			return err
		}
		for _, e := range page.Entries {
			actor := ""
			if e.ActorID != nil {
				actor = strconv.FormatInt(*e.ActorID, 10)
			}
			w.Write([]string{strconv.FormatInt(e.ID, 10), e.At.UTC().Format(time.RFC3339Nano), actor, e.ActorRole, e.Action, e.Subject, e.Changes, e.PrevHash, e.Hash})
		}
		w.Flush()
		if !page.HasNextPage {
			return w.Error()
		}
		filter.After = page.Cursors[len(page.Cursors)-1]
	}
}

func (s *Server) exportInformationReport(w *safeCSV, r *http.Request) error {
	year, err := strconv.Atoi(r.URL.Query().Get("year"))
	if err != nil {
		return models.Invalid("year", "tahun wajib diisi")
	}
	report, err := s.cfg.Store.InformationReport(r.Context(), year, r.URL.Query().Get("agency"))
	if err != nil {
		return err
	}
	w.Write([]string{"number", "title", "received_at", "outcome", "reason", "answered_at", "working_time_s", "clock_time_s"})
	for _, req := range report.Requests {
		w.Write([]string{req.Issue.Number, req.Issue.Title, s.formatTime(&req.Issue.CreatedAt), req.Outcome, req.Reason,
			s.formatTime(req.Issue.AnsweredAt), seconds(req.WorkingTime), seconds(req.ClockTime)})
	}
	return w.Error()
}

func queryTime(r *http.Request, key string) (time.Time, error) {
	v := r.URL.Query().Get(key)
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, models.Invalid(key, "waktu harus RFC 3339")
	}
	return t, models.CheckPeriodTime(key, t)
}

func itoa(n int) string { return strconv.Itoa(n) }

func seconds(d *time.Duration) string {
	if d == nil {
		return ""
	}
	return strconv.FormatInt(int64(d.Seconds()), 10)
}

func derefID(id *int64) int64 {
	if id == nil {
		return 0
	}
	return *id
}

func ptrString[T ~string](p *T) string {
	if p == nil {
		return ""
	}
	return string(*p)
}
