CREATE TABLE search_outbox (
    id              bigserial PRIMARY KEY,
    issue_id        bigint NOT NULL REFERENCES issues (id),
    created_at      timestamptz NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    last_error      text NOT NULL DEFAULT '',
    next_attempt_at timestamptz NOT NULL,
    done_at         timestamptz,
    failed_at       timestamptz
);

--bun:split

CREATE INDEX search_outbox_pending_idx ON search_outbox (id) WHERE done_at IS NULL AND failed_at IS NULL;

--bun:split

CREATE INDEX search_outbox_failed_idx ON search_outbox (id) WHERE failed_at IS NOT NULL AND done_at IS NULL;
