package server_test

import (
	"encoding/csv"
	"io"
	"math"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// download fetches a CSV export with a bearer token. A CSV must start with
// the UTF-8 byte-order mark, which is taken off before the rows are read.
func (a *testAPI) download(token, path string) (int, http.Header, [][]string, string) {
	a.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, a.srv.URL+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, resp.Header, nil, string(raw)
	}
	body, ok := strings.CutPrefix(string(raw), "\ufeff")
	if !ok {
		a.t.Fatalf("%s does not start with a UTF-8 byte-order mark: %q", path, raw[:min(len(raw), 20)])
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		a.t.Fatalf("%s is not valid CSV: %v", path, err)
	}
	return resp.StatusCode, resp.Header, rows, string(raw)
}

func TestCSVExports(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		storetest.MustUser(t, db, "auditor.csv@example.go.id", models.RoleAuditor, "")
		storetest.MustUser(t, db, "pic.csv@example.go.id", models.RolePIC, "dinkes")
		api := newTestAPI(t, db)
		auditor := api.login("auditor.csv@example.go.id", storetest.Password)
		pic := api.login("pic.csv@example.go.id", storetest.Password)
		auditorCtx := storetest.As(&models.User{ID: 0, Role: models.RoleAuditor})

		t.Run("Issues", func(t *testing.T) {
			status, header, rows, _ := api.download(auditor, "/export/issues.csv")
			if status != http.StatusOK || !strings.HasPrefix(header.Get("Content-Type"), "text/csv; charset=utf-8") {
				t.Fatalf("status %d, content type %q", status, header.Get("Content-Type"))
			}
			all, err := db.FindIssues(auditorCtx, models.IssueFilter{CountTotal: true})
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"nomor", "judul", "jenis", "status", "prioritas", "putusan", "slug_instansi", "slug_kategori", "internal",
				"dicatat_pada", "diteruskan_pada", "batas_konfirmasi", "dikonfirmasi_pada", "batas_jawaban", "dijawab_pada", "ditutup_pada", "terlambat_kini"}
			if !reflect.DeepEqual(rows[0], want) || len(rows)-1 != all.TotalCount {
				t.Fatalf("header %v and %d rows; want %d issues, internal ones included", rows[0], len(rows)-1, all.TotalCount)
			}
			withDue := 0
			agencies, _ := db.Agencies(t.Context())
			categories, _ := db.Categories(t.Context())
			slugs := map[string]bool{"": true}
			for _, a := range agencies {
				slugs["instansi "+a.Slug] = true
			}
			for _, c := range categories {
				slugs["kategori "+c.Slug] = true
			}
			for _, r := range rows[1:] {
				if (r[6] != "" && !slugs["instansi "+r[6]]) || (r[7] != "" && !slugs["kategori "+r[7]]) {
					t.Fatalf("row %v: slug_instansi %q and slug_kategori %q must be slugs", r[0], r[6], r[7])
				}
				if r[13] != "" {
					if _, err := time.Parse(time.RFC3339, r[13]); err != nil || !strings.HasSuffix(r[13], "+08:00") {
						t.Errorf("answer_due_at %q is not RFC 3339 in WITA", r[13])
					}
					withDue++
				}
			}
			if withDue == 0 {
				t.Error("no issue in the export has a due time")
			}
		})
		t.Run("AuditLog", func(t *testing.T) {
			_, entries, err := db.AuditHead(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			_, _, rows, _ := api.download(auditor, "/export/audit.csv")
			if len(rows)-1 != entries {
				t.Fatalf("%d audit rows, want %d", len(rows)-1, entries)
			}
			if got := strings.Join(rows[0], ","); got != "id,waktu,id_pelaku,peran_pelaku,aksi,nama_aksi,subjek,perubahan,hash_sebelumnya,hash" {
				t.Fatalf("header %s", got)
			}
			// Newest first: each row's hash_sebelumnya is the next row's hash.
			for i := 1; i < len(rows)-1; i++ {
				if rows[i][8] != rows[i+1][9] {
					t.Fatalf("row %d does not chain to row %d", i, i+1)
				}
			}
			if newest := rows[1]; newest[4] != "auth.login" || newest[5] != "Masuk" {
				t.Errorf("the newest entry is %s (%s); want a login, named Masuk", newest[4], newest[5])
			}
		})
		t.Run("ResponseTimes", func(t *testing.T) {
			_, _, rows, _ := api.download(auditor, "/export/response-times.csv?from=2026-01-01T00:00:00Z")
			agencies, _ := db.Agencies(t.Context())
			if len(rows) != len(agencies)+2 || rows[len(rows)-1][0] != "SEMUA" {
				t.Fatalf("want a header, %d agency rows and SEMUA; got %d rows", len(agencies), len(rows))
			}
			col := map[string]int{}
			for i, name := range rows[0] {
				col[name] = i
			}
			for _, name := range []string{"slug_instansi", "nama_instansi", "jawaban_tepat_waktu", "jawaban_median_jam_kerja_detik", "jawaban_median_jam_kerja_jam",
				"konfirmasi_p90_jam_biasa_detik", "konfirmasi_p90_jam_biasa_jam"} {
				if _, ok := col[name]; !ok {
					t.Fatalf("no column %s in %v", name, rows[0])
				}
			}
			total := rows[len(rows)-1]
			secs, err1 := strconv.ParseInt(total[col["jawaban_median_jam_kerja_detik"]], 10, 64)
			hrs, err2 := strconv.ParseFloat(total[col["jawaban_median_jam_kerja_jam"]], 64)
			if err1 != nil || err2 != nil || math.Abs(hrs-float64(secs)/3600) > 0.005 {
				t.Errorf("median time to answer: %q seconds, %q hours; want the same duration in both", total[col["jawaban_median_jam_kerja_detik"]], total[col["jawaban_median_jam_kerja_jam"]])
			}
			if status, _, _, body := api.download(auditor, "/export/response-times.csv?from=kemarin"); status != http.StatusBadRequest || !strings.Contains(body, "BAD_USER_INPUT") {
				t.Errorf("a bad date: %d %s", status, body)
			}
		})
		t.Run("InformationReport", func(t *testing.T) {
			_, _, rows, _ := api.download(auditor, "/export/information-report.csv?year="+time.Now().Format("2006")+"&agency=pupr")
			if len(rows) < 1 || strings.Join(rows[0], ",") != "nomor,judul,diterima_pada,hasil,alasan,dijawab_pada,waktu_jam_kerja_detik,waktu_jam_kerja_jam,waktu_jam_biasa_detik,waktu_jam_biasa_jam" {
				t.Fatalf("rows %v", rows)
			}
		})
		t.Run("ErrUnauthenticated", func(t *testing.T) {
			for _, path := range []string{"/export/issues.csv", "/export/audit.csv", "/export/response-times.csv"} {
				if status, _, _, body := api.download("", path); status != http.StatusUnauthorized || strings.Contains(body, "KTB-") {
					t.Errorf("%s without a token: %d", path, status)
				}
			}
		})
		t.Run("ErrForbidden", func(t *testing.T) {
			if status, _, _, body := api.download(pic, "/export/audit.csv"); status != http.StatusForbidden || !strings.Contains(body, "FORBIDDEN") {
				t.Errorf("a PIC downloading the audit log: %d %s", status, body)
			}
		})
	})
}
