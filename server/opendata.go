package server

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"github.com/kotabaru/tanggap/models"
)

// openDataHandler serves /open-data/: an index page in Indonesian with the
// licence and every column, and the files themselves. The files are built
// from the database as an anonymous caller would see it and kept until the
// data changes (see snapshot).
func (s *Server) openDataHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, err := s.openData.get(func() (*openDataFiles, error) { return s.buildOpenData(r.Context()) })
		if err != nil {
			writeError(w, r, err)
			return
		}
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		if !data.LastChanged.IsZero() {
			h.Set("Last-Modified", data.LastChanged.Format(http.TimeFormat))
		}
		name := r.PathValue("file")
		if name == "" {
			s.openDataIndex(w, r, data)
			return
		}
		body, ok := data.Files[name]
		if !ok {
			writeError(w, r, models.Errorf(models.ENOTFOUND, "Berkas data terbuka tidak ditemukan: %s", name))
			return
		}
		switch {
		case strings.HasSuffix(name, ".csv"):
			h.Set("Content-Type", "text/csv; charset=utf-8; header=present")
		case strings.HasSuffix(name, ".jsonl"):
			h.Set("Content-Type", "application/jsonl; charset=utf-8")
		default:
			h.Set("Content-Type", "application/zip")
		}
		h.Set("Content-Disposition", fmt.Sprintf("inline; filename=%q", name))
		w.Write(body) //nolint:errcheck // the client went away
	})
}

// openDataIndex renders the index page.
func (s *Server) openDataIndex(w http.ResponseWriter, r *http.Request, data *openDataFiles) {
	type file struct {
		Name string
		Size string
	}
	type table struct {
		openDataTable
		Rows  int
		Files []file
	}
	size := func(name string) string {
		n := len(data.Files[name])
		if n < 10<<10 {
			return fmt.Sprintf("%d byte", n)
		}
		return fmt.Sprintf("%.0f KB", float64(n)/1024)
	}
	view := struct {
		PublicURL string
		Generated string
		Tables    []table
		Archive   file
	}{
		PublicURL: s.cfg.PublicURL,
		Generated: data.Generated.Format("2006-01-02 15:04 UTC"),
		Archive:   file{Name: openDataArchive, Size: size(openDataArchive)},
	}
	for _, t := range openDataTables {
		view.Tables = append(view.Tables, table{
			openDataTable: t,
			Rows:          data.Counts[t.Name],
			Files:         []file{{t.Name + ".csv", size(t.Name + ".csv")}, {t.Name + ".jsonl", size(t.Name + ".jsonl")}},
		})
	}
	var page bytes.Buffer
	if err := openDataPage.Execute(&page, view); err != nil {
		writeError(w, r, models.Internal(err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	w.Write(page.Bytes()) //nolint:errcheck // the client went away
}

// openDataPage is the index page of /open-data/.
var openDataPage = template.Must(template.ParseFS(templateFiles, "templates/opendata.html"))
