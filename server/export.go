package server

import (
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/models"
)

// exportHandler streams CSV downloads for auditors and admins: issues with
// every timestamp and due time, the per-agency response-time report, the
// audit log and the annual information report. The bearer token is
// required; no cookie ever authenticates a download. An error before the
// first row is answered by writeError; after it, the file ends with a
// marker line, since the 200 is already sent.
func (s *Server) exportHandler(write func(w *safeCSV, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user := models.UserFromContext(r.Context())
		switch {
		case user == nil:
			unauthorized(w, r)
			return
		case !models.HasRole(user, models.RoleAuditor, models.RoleAdmin):
			writeError(w, r, models.Errorf(models.EFORBIDDEN, "Unduhan CSV hanya untuk auditor dan admin."))
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", exportName(r)))
		w.Header().Set("Cache-Control", "no-store")
		tracked := &trackingWriter{ResponseWriter: w}
		out := &safeCSV{Writer: csv.NewWriter(&bomWriter{w: tracked})}
		err := write(out, r)
		if err == nil {
			out.Flush()
			return
		}
		if !tracked.wrote {
			w.Header().Del("Content-Disposition")
			writeError(w, r, err)
			return
		}
		// Rows were already streamed, with a 200: the file ends with a
		// marker line saying what went wrong instead.
		message, _ := graph.PublicError(r.Context(), err, "route", r.URL.Path)
		out.Write([]string{"# unduhan terputus: " + message})
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

// bomWriter starts the file with a UTF-8 byte-order mark, which spreadsheet
// programs need to read the file as UTF-8 rather than a local code page
// (agency names and titles carry letters such as é and –). It is written
// with the first row, so a download refused before any row is plain JSON.
type bomWriter struct {
	w    io.Writer
	done bool
}

func (b *bomWriter) Write(p []byte) (int, error) {
	if !b.done {
		b.done = true
		if _, err := b.w.Write([]byte("\ufeff")); err != nil {
			return 0, err
		}
	}
	return b.w.Write(p)
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

func (s *Server) formatTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.In(s.cfg.Location).Format(time.RFC3339)
}

func (s *Server) exportIssues(w *safeCSV, r *http.Request) error {
	agencies, err := s.agencySlugs(r)
	if err != nil {
		return err
	}
	categories, err := s.categorySlugs(r)
	if err != nil {
		return err
	}
	w.Write([]string{"nomor", "judul", "jenis", "status", "prioritas", "putusan", "slug_instansi", "slug_kategori", "internal",
		"dicatat_pada", "diteruskan_pada", "batas_konfirmasi", "dikonfirmasi_pada", "batas_jawaban", "dijawab_pada", "ditutup_pada", "terlambat_kini"})
	now := s.cfg.Now()
	filter := models.IssueFilter{Order: models.OrderOldest, First: 100}
	for {
		page, err := s.cfg.Services.Issues.FindIssues(r.Context(), filter)
		if err != nil {
			return err
		}
		for _, i := range page.Issues {
			w.Write([]string{
				i.Number, i.Title, string(i.Kind), string(i.Status), ptrString(i.Priority), ptrString(i.Verdict),
				agencies[derefID(i.AgencyID)], categories[derefID(i.CategoryID)], strconv.FormatBool(i.Internal),
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
	agencies, err := s.cfg.Services.Agencies.Agencies(r.Context())
	if err != nil {
		return nil, err
	}
	slugs := map[int64]string{0: ""}
	for _, a := range agencies {
		slugs[a.ID] = a.Slug
	}
	return slugs, nil
}

func (s *Server) categorySlugs(r *http.Request) (map[int64]string, error) {
	categories, err := s.cfg.Services.Agencies.Categories(r.Context())
	if err != nil {
		return nil, err
	}
	slugs := map[int64]string{0: ""}
	for _, c := range categories {
		slugs[c.ID] = c.Slug
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
	report, err := s.cfg.Services.Accountability.ResponseTimeReport(r.Context(), f)
	if err != nil {
		return err
	}
	header := []string{"slug_instansi", "nama_instansi", "diteruskan", "dijawab", "terbuka", "terlambat_kini",
		"konfirmasi_tepat_waktu", "konfirmasi_dinilai", "jawaban_tepat_waktu", "jawaban_dinilai"}
	header = append(append(header, statsHeader("konfirmasi")...), statsHeader("jawaban")...)
	w.Write(header)
	for _, row := range append(report.Agencies, report.Total) {
		slug, name := "SEMUA", "Semua instansi"
		if row.Agency != nil {
			slug, name = row.Agency.Slug, row.Agency.Name
		}
		w.Write(append(append([]string{slug, name, itoa(row.Assigned), itoa(row.Answered), itoa(row.Open), itoa(row.OverdueNow),
			itoa(row.AcknowledgedOnTime.OnTime), itoa(row.AcknowledgedOnTime.Of), itoa(row.AnsweredOnTime.OnTime), itoa(row.AnsweredOnTime.Of)},
			stats(row.TimeToAcknowledge)...), stats(row.TimeToAnswer)...))
	}
	return w.Error()
}

// statsHeader names the columns of stats for one clock: the count, then
// each quantile in working time (jam kerja) and in ordinary time (jam
// biasa), in seconds and in hours.
func statsHeader(clock string) []string {
	cols := []string{clock + "_jumlah"}
	for _, q := range []string{"median_jam_kerja", "p90_jam_kerja", "median_jam_biasa", "p90_jam_biasa"} {
		cols = append(cols, clock+"_"+q+"_detik", clock+"_"+q+"_jam")
	}
	return cols
}

// stats writes a figure's quantiles in seconds and in hours; below the
// minimum count the cells are empty, as on the portal.
func stats(d models.DurationStats) []string {
	return []string{itoa(d.Count), seconds(d.WorkingMedian), hours(d.WorkingMedian), seconds(d.WorkingP90), hours(d.WorkingP90),
		seconds(d.ClockMedian), hours(d.ClockMedian), seconds(d.ClockP90), hours(d.ClockP90)}
}

func (s *Server) exportAudit(w *safeCSV, r *http.Request) error {
	w.Write([]string{"id", "waktu", "id_pelaku", "peran_pelaku", "aksi", "nama_aksi", "subjek", "perubahan", "hash_sebelumnya", "hash"})
	filter := models.AuditFilter{First: 100}
	for {
		page, err := s.cfg.Services.Audit.AuditLog(r.Context(), filter)
		if err != nil {
			return err
		}
		for _, e := range page.Entries {
			actor := ""
			if e.ActorID != nil {
				actor = strconv.FormatInt(*e.ActorID, 10)
			}
			w.Write([]string{strconv.FormatInt(e.ID, 10), e.At.UTC().Format(time.RFC3339Nano), actor, e.ActorRole, e.Action,
				models.AuditActionLabel(e.Action), e.Subject, e.Changes, e.PrevHash, e.Hash})
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
	report, err := s.cfg.Services.Accountability.InformationReport(r.Context(), year, r.URL.Query().Get("agency"))
	if err != nil {
		return err
	}
	w.Write([]string{"nomor", "judul", "diterima_pada", "hasil", "alasan", "dijawab_pada",
		"waktu_jam_kerja_detik", "waktu_jam_kerja_jam", "waktu_jam_biasa_detik", "waktu_jam_biasa_jam"})
	for _, req := range report.Requests {
		w.Write([]string{req.Issue.Number, req.Issue.Title, s.formatTime(&req.Issue.CreatedAt), req.Outcome, req.Reason,
			s.formatTime(req.Issue.AnsweredAt), seconds(req.WorkingTime), hours(req.WorkingTime), seconds(req.ClockTime), hours(req.ClockTime)})
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

// hours writes a duration in hours with two decimals and a decimal point,
// the form spreadsheets read whatever their language.
func hours(d *time.Duration) string {
	if d == nil {
		return ""
	}
	return strconv.FormatFloat(d.Hours(), 'f', 2, 64)
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
