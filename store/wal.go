package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"sync"
	"time"
)

// walCheckInterval is how often an open SQLite database looks at its WAL.
const walCheckInterval = time.Minute

// walCloseCheckpointBytes is the WAL size above which Close checkpoints;
// below it, SQLite's own automatic checkpoints suffice.
const walCloseCheckpointBytes = 4 << 20

// walCheckpointBusyTimeout bounds how long a maintenance checkpoint waits for
// readers and writers. A checkpoint that truncates the WAL holds back new
// writers while it waits, so it gives up early and tries again later.
const walCheckpointBusyTimeout = 250 * time.Millisecond

// walMaintenance is the goroutine that keeps a SQLite WAL small.
type walMaintenance struct {
	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once
}

func (m *walMaintenance) stop() {
	m.once.Do(func() {
		m.cancel()
		<-m.done
	})
}

// startWALMaintenance checks the WAL every interval and checkpoints it back
// into the database file, truncating it, when it has stopped growing (the
// database is idle) or when it has grown past the journal size limit
// (long reads kept the automatic checkpoints from finishing).
func (db *DB) startWALMaintenance(interval time.Duration) *walMaintenance {
	ctx, cancel := context.WithCancel(context.Background())
	m := &walMaintenance{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(m.done)
		ticker := time.NewTicker(interval)
		defer ticker.Stop()
		var last int64 = -1
		for {
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
			}
			size, err := db.WALSize()
			if err != nil || size == 0 {
				last = size
				continue
			}
			if size == last || size > sqliteJournalLimit {
				if _, err := db.checkpointWAL(ctx, walCheckpointBusyTimeout); err != nil {
					slog.Warn("sqlite wal checkpoint", "error", err, "wal_bytes", size)
				}
				size, _ = db.WALSize()
			}
			last = size
		}
	}()
	return m
}

// WALSize returns the size of the SQLite WAL file in bytes; 0 when there is
// none or the database is PostgreSQL.
func (db *DB) WALSize() (int64, error) {
	if db.dialect != SQLite {
		return 0, nil
	}
	info, err := os.Stat(db.sqlitePath + "-wal")
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	return info.Size(), nil
}

// CheckpointWAL copies every page of the SQLite WAL into the database file
// and truncates the WAL to zero bytes, waiting up to a few seconds for
// readers to finish. It reports whether the checkpoint completed; bulk
// commands call it when they are done. On PostgreSQL it does nothing.
func (db *DB) CheckpointWAL(ctx context.Context) (bool, error) {
	if db.dialect != SQLite {
		return true, nil
	}
	return db.checkpointWAL(ctx, 5*time.Second)
}

func (db *DB) checkpointWAL(ctx context.Context, busyTimeout time.Duration) (bool, error) {
	conn, err := db.bun.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	// The connection goes back to the pool afterwards: restore its usual
	// busy timeout even if the checkpoint failed.
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", busyTimeout.Milliseconds())); err != nil {
		return false, err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA busy_timeout = 10000") //nolint:errcheck
	var busy, logFrames, checkpointed int
	err = conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &checkpointed)
	if err != nil {
		if isSQLiteBusy(err) {
			return false, nil
		}
		return false, fmt.Errorf("wal checkpoint: %w", err)
	}
	return busy == 0, nil
}
