package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/lib/pq"
	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/live"
	"github.com/kotabaru/tanggap/models"
)

// liveChannel is the PostgreSQL notification channel of live updates.
const liveChannel = "tanggap_live"

// liveKinds maps the audit actions of an issue to the kind of live event
// they publish; every other action on an issue is a plain change.
var liveKinds = map[string]live.Kind{
	"issue.answered": live.KindAnswered,
	"issue.revised":  live.KindRevised,
}

// StartLive makes every committed change of an issue reach b, in this
// process and, on PostgreSQL, in every process on the same database: a
// NOTIFY sent inside the change's transaction is delivered on commit only,
// and a listener of each process publishes what it hears into its broker.
// On SQLite, which one process serves, events are published in-process
// after the commit. History written by the demo loader (as the system
// user) and CSV imports publish nothing. Call it while wiring, before the
// store serves requests; the listener stops when ctx ends.
func (db *DB) StartLive(ctx context.Context, b *live.Broker) error {
	if db.dialect != Postgres {
		db.OnAuditChange(func(ctx context.Context, _ bun.Tx, entry *models.AuditEntry) error {
			if e, ok := liveEvent(ctx, entry); ok {
				afterCommit(ctx, func() { b.Publish(e) })
			}
			return nil
		})
		return nil
	}
	if db.dataURL == "" {
		return errors.New("live updates: the store has no PostgreSQL URL to listen on")
	}
	listener := pq.NewListener(db.dataURL, time.Second, time.Minute, func(ev pq.ListenerEventType, err error) {
		switch ev {
		case pq.ListenerEventDisconnected:
			slog.Warn("live updates: lost the notification connection; changes until it is back are not delivered", "error", err)
		case pq.ListenerEventReconnected:
			slog.Info("live updates: notification connection restored")
		case pq.ListenerEventConnectionAttemptFailed:
			slog.Warn("live updates: cannot reach the database to listen", "error", err)
		}
	})
	if err := listener.Listen(liveChannel); err != nil {
		listener.Close()
		return fmt.Errorf("live updates: listen: %w", err)
	}
	go listenLive(ctx, listener, b)
	db.OnAuditChange(func(ctx context.Context, tx bun.Tx, entry *models.AuditEntry) error {
		e, ok := liveEvent(ctx, entry)
		if !ok {
			return nil
		}
		payload, err := json.Marshal(e)
		if err != nil {
			return err
		}
		call := db.bun.QueryGen().FormatQuery("pg_notify(?, ?)", liveChannel, string(payload))
		if op := groupOf(ctx, tx); op != nil {
			// Sent with the group's read of the chain's head: no round trip
			// of its own.
			op.notify = append(op.notify, call)
			return nil
		}
		_, err = tx.ExecContext(ctx, "SELECT "+call)
		return err
	})
	return nil
}

// liveEvent is the event an audit entry publishes, if any.
func liveEvent(ctx context.Context, entry *models.AuditEntry) (live.Event, bool) {
	number, ok := strings.CutPrefix(entry.Subject, "issue:")
	if !ok || number == "" || models.UserFromContext(ctx).IsSystem() {
		return live.Event{}, false
	}
	kind, ok := liveKinds[entry.Action]
	if !ok {
		kind = live.KindChanged
	}
	return live.Event{Number: number, Kind: kind}, true
}

// listenLive publishes each notification into b until ctx ends.
func listenLive(ctx context.Context, l *pq.Listener, b *live.Broker) {
	defer l.Close()
	ping := time.NewTicker(90 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ping.C:
			// A silent connection may be dead without the listener
			// knowing; a ping makes it find out and reconnect.
			go l.Ping() //nolint:errcheck // the event callback reports failures
		case n := <-l.Notify:
			if n == nil {
				continue // reconnected: notifications in the gap are lost
			}
			var e live.Event
			if err := json.Unmarshal([]byte(n.Extra), &e); err != nil || e.Number == "" {
				slog.Warn("live updates: ignored a malformed notification", "error", err)
				continue
			}
			b.Publish(e)
		}
	}
}

// commitHooks collects what is to run once a transaction has committed.
type commitHooks struct {
	mu  sync.Mutex
	fns []func()
}

type commitHooksKey struct{}

// withCommitHooks returns a context for one attempt of a transaction and
// the function to call once it has committed.
func withCommitHooks(ctx context.Context) (context.Context, func()) {
	h := &commitHooks{}
	return context.WithValue(ctx, commitHooksKey{}, h), func() {
		h.mu.Lock()
		fns := h.fns
		h.fns = nil
		h.mu.Unlock()
		for _, fn := range fns {
			fn()
		}
	}
}

// afterCommit runs fn once the transaction ctx belongs to has committed;
// outside writeTx, or when it rolls back, fn never runs.
func afterCommit(ctx context.Context, fn func()) {
	if h, ok := ctx.Value(commitHooksKey{}).(*commitHooks); ok {
		h.mu.Lock()
		h.fns = append(h.fns, fn)
		h.mu.Unlock()
	}
}
