package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestFaultSQLitePragmas checks the settings every pooled SQLite connection
// gets: a bounded WAL, a page cache and memory map sized for a large
// database, temporary tables in memory; and that cache and map follow the
// options.
func TestFaultSQLitePragmas(t *testing.T) {
	ctx := context.Background()
	db := mustOpenURL(t, "sqlite:"+filepath.Join(t.TempDir(), "tanggap.db"), store.Options{SQLiteCacheMiB: 48, SQLiteMmapMiB: 512})
	want := map[string]int64{
		"journal_size_limit": 64 << 20,
		"cache_size":         -48 * 1024,
		"mmap_size":          512 << 20,
		"temp_store":         2, // MEMORY
		"busy_timeout":       10000,
		"foreign_keys":       1,
	}
	// Hold several connections at once so that each is a different one.
	var conns []bun.Conn
	for k := 0; k < 4; k++ {
		conn, err := db.Bun().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, conn)
	}
	for k, conn := range conns {
		for pragma, value := range want {
			var got int64
			if err := conn.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
				t.Fatalf("PRAGMA %s: %v", pragma, err)
			}
			if got != value {
				t.Errorf("connection %d: %s = %d, want %d", k, pragma, got, value)
			}
		}
	}
	for _, conn := range conns {
		conn.Close()
	}
}

// TestFaultSQLiteWALBounded writes a large burst while a long read keeps the
// automatic checkpoints from finishing, so the WAL grows; once the read
// ends, a checkpoint folds it back and truncates it, both when asked (as
// bulk commands do) and by the maintenance of an idle database.
func TestFaultSQLiteWALBounded(t *testing.T) {
	ctx := context.Background()
	db := storetest.MustOpen(t, store.SQLite)
	if _, err := db.Bun().ExecContext(ctx, "CREATE TABLE burst (payload BLOB NOT NULL)"); err != nil {
		t.Fatal(err)
	}
	burst := func() {
		t.Helper()
		reader, err := db.Bun().BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if err := reader.QueryRowContext(ctx, "SELECT count(*) FROM burst").Scan(&n); err != nil {
			t.Fatal(err)
		}
		for k := 0; k < 24; k++ {
			if _, err := db.Bun().ExecContext(ctx, "INSERT INTO burst (payload) SELECT randomblob(65536) FROM (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9 UNION ALL SELECT 10 UNION ALL SELECT 11 UNION ALL SELECT 12 UNION ALL SELECT 13 UNION ALL SELECT 14 UNION ALL SELECT 15 UNION ALL SELECT 16)"); err != nil {
				t.Fatal(err)
			}
		}
		grown, err := db.WALSize()
		if err != nil {
			t.Fatal(err)
		}
		if grown < 16<<20 {
			t.Fatalf("the burst left a WAL of only %d bytes: the test does not exercise anything", grown)
		}
		reader.Rollback() //nolint:errcheck
	}

	burst()
	done, err := db.CheckpointWAL(ctx)
	if err != nil || !done {
		t.Fatalf("checkpoint after the burst: done %v, %v", done, err)
	}
	if size, _ := db.WALSize(); size != 0 {
		t.Fatalf("the WAL is %d bytes after a truncating checkpoint", size)
	}

	// The same without asking: the maintenance sees the WAL stop growing.
	burst()
	store.StartWALMaintenance(db, 20*time.Millisecond)
	deadline := time.Now().Add(30 * time.Second)
	for {
		size, _ := db.WALSize()
		if size == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the WAL of an idle database is still %d bytes", size)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestFaultPostgresPoolReuse runs bursts of concurrent queries: the pool
// must reuse its connections instead of closing the ones above the idle
// limit after each burst and opening new backends for the next.
func TestFaultPostgresPoolReuse(t *testing.T) {
	if !contains(storetest.Dialects(t), store.Postgres) {
		t.Skip("PostgreSQL not configured") // CI fails in Dialects instead
	}
	const conns = 12
	db := mustOpenURL(t, storetest.NewPostgresURL(t), store.Options{MaxConns: conns})
	pids := map[int]bool{}
	var mu sync.Mutex
	for round := 0; round < 5; round++ {
		var wg sync.WaitGroup
		for k := 0; k < conns*2; k++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var pid int
				if err := db.Bun().QueryRowContext(context.Background(), "SELECT pg_backend_pid() FROM pg_sleep(0.05)").Scan(&pid); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				pids[pid] = true
				mu.Unlock()
			}()
		}
		wg.Wait()
	}
	if len(pids) > conns {
		t.Fatalf("5 bursts used %d PostgreSQL backends, more than the pool's %d connections", len(pids), conns)
	}
}

func contains[T comparable](all []T, v T) bool {
	for _, a := range all {
		if a == v {
			return true
		}
	}
	return false
}
