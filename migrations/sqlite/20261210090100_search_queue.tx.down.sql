CREATE TABLE search_outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    issue_id        INTEGER NOT NULL REFERENCES issues (id),
    created_at      TIMESTAMP NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    next_attempt_at TIMESTAMP NOT NULL,
    done_at         TIMESTAMP,
    failed_at       TIMESTAMP
);

--bun:split

CREATE INDEX search_outbox_pending_idx ON search_outbox (id) WHERE done_at IS NULL AND failed_at IS NULL;

--bun:split

CREATE INDEX search_outbox_failed_idx ON search_outbox (id) WHERE failed_at IS NOT NULL AND done_at IS NULL;
