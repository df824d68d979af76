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

var openDataPage = template.Must(template.New("open-data").Parse(`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Data terbuka · Tanggap</title>
<link rel="alternate" type="application/atom+xml" title="Tanggap: jawaban resmi terbaru" href="/feed.xml">
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
code{background:#f3f3f3;padding:0 .2rem}a{color:#0b57d0}
</style>
</head>
<body>
<main>
<h1>Data terbuka Tanggap</h1>
<p>Semua isu publik, jawaban resmi beserta setiap ralatnya, dan waktu tanggap instansi, dalam berkas yang dapat diolah mesin.
Data dibuat dari basis data yang sama dengan portal dan API publik, hanya memuat yang dapat dilihat siapa pun:
tidak ada isu internal atau yang belum diteruskan, tidak ada nama atau kontak penanya, tidak ada nama staf.
Data diperbarui begitu isi portal berubah (paling lambat satu menit). Terakhir dibuat: {{.Generated}}.</p>
<h2>Lisensi</h2>
<p>Data ini dapat digunakan, dibagikan dan diolah ulang, termasuk untuk keperluan komersial, di bawah
<a href="https://creativecommons.org/licenses/by/4.0/deed.id" rel="license">Creative Commons Atribusi 4.0 Internasional (CC BY 4.0)</a>.
Sebutkan sumbernya, misalnya: “Sumber: Tanggap, {{.PublicURL}}/open-data/”.</p>
<h2>Berkas</h2>
<p>CSV memakai UTF-8 dengan BOM (terbaca langsung oleh spreadsheet), pemisah koma dan baris judul; sel yang diawali
<code>=</code>, <code>+</code>, <code>-</code> atau <code>@</code> diberi tanda petik tunggal di depannya agar tidak dijalankan sebagai rumus.
JSON Lines (<code>.jsonl</code>) memuat satu objek JSON per baris dengan nama kolom yang sama, angka dan nilai benar/salah bertipe, dan <code>null</code> untuk nilai kosong.
Waktu dalam RFC 3339 (UTC). Nama kolom tidak pernah berubah; kolom baru ditambahkan di akhir.</p>
<p>Semua berkas sekaligus: <a href="{{.Archive.Name}}">{{.Archive.Name}}</a> ({{.Archive.Size}}).</p>
{{range .Tables}}
<section>
<h3 id="{{.Name}}">{{.Title}} — {{.Rows}} baris</h3>
<p>{{.Description}}</p>
<p>{{range $i, $f := .Files}}{{if $i}} · {{end}}<a href="{{$f.Name}}">{{$f.Name}}</a> ({{$f.Size}}){{end}}</p>
<table>
<thead><tr><th scope="col">Kolom</th><th scope="col">Isi</th></tr></thead>
<tbody>{{range .Columns}}<tr><td><code>{{.Name}}</code></td><td>{{.Description}}</td></tr>{{end}}</tbody>
</table>
</section>
{{end}}
<h2>Cara lain memperoleh data</h2>
<p>API GraphQL publik di <code>{{.PublicURL}}/graphql</code> (panduan: <code>docs/api.md</code> di repositori),
umpan Atom <a href="/feed.xml">/feed.xml</a>, JSON Feed <a href="/feed.json">/feed.json</a>
dan ClaimReview untuk pemeriksa fakta <a href="/claimreview.json">/claimreview.json</a>.</p>
</main>
</body>
</html>
`))
