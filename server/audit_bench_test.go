package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// auditBenchEntries is about the size of a year's audit log of one regency.
const auditBenchEntries = 20_000

// mustAuditHistory appends n chained entries straight to the audit log, as
// years of use would have.
func mustAuditHistory(b *testing.B, db *store.DB, n int) {
	b.Helper()
	ctx := context.Background()
	head, count, err := db.AuditHead(ctx)
	if err != nil {
		b.Fatal(err)
	}
	at := time.Now().Add(-time.Duration(n) * time.Minute).UTC().Truncate(time.Microsecond)
	for done := 0; done < n; {
		batch := make([]*models.AuditEntry, 0, 500)
		for ; done < n && len(batch) < cap(batch); done++ {
			count++
			e := &models.AuditEntry{ID: int64(count), At: at.Add(time.Duration(done) * time.Minute), ActorRole: "TRC",
				Action: "issue.updated", Subject: fmt.Sprintf("issue:KTB-2026-%06d", done%5000+1),
				Changes: `{"title":"judul diperbarui","summary":"ringkasan yang diperbarui oleh petugas"}`, PrevHash: head}
			e.Hash = e.ComputeHash()
			head = e.Hash
			batch = append(batch, e)
		}
		if _, err := db.Bun().NewInsert().Model(&batch).Exec(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuditVerification measures the public auditVerification query
// over HTTP at 20,000 audit entries: one caller at a time, and eight at once.
func BenchmarkAuditVerification(b *testing.B) {
	const q = `{ auditVerification { intact entries headHash } }`
	for _, d := range storetest.Dialects(b) {
		b.Run(string(d), func(b *testing.B) {
			db := storetest.MustOpen(b, d)
			storetest.MustLoadDemo(b, db, time.Now())
			mustAuditHistory(b, db, auditBenchEntries)
			api := newTestAPI(b, db)
			// The first check after the upgrade re-computes the whole chain
			// once and stores the checkpoint; measure what follows.
			benchPostOnce(b, api, q)
			b.Run("serial", func(b *testing.B) { benchPost(b, api, q) })
			// Without the cache every call reads the checkpoint and
			// re-computes what was appended since.
			b.Run("serial-uncached", func(b *testing.B) {
				db.AuditCacheTTL = 0
				defer func() { db.AuditCacheTTL = 5 * time.Second }()
				benchPost(b, api, q)
			})
			b.Run("parallel8", func(b *testing.B) {
				b.SetParallelism(4) // 8 goroutines on 2 cores
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						benchPostOnce(b, api, q)
					}
				})
			})
		})
	}
}

func benchPostOnce(b *testing.B, api *testAPI, query string) {
	body, _ := json.Marshal(map[string]string{"query": query})
	resp, err := http.Post(api.srv.URL+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		b.Error(err)
		return
	}
	io.Copy(io.Discard, resp.Body) //nolint:errcheck
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b.Errorf("status %d", resp.StatusCode)
	}
}
