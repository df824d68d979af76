-- Webhook endpoints registered by ADMINs, the deliveries of events to them
-- and every attempt of a delivery. secret holds the signing secret sealed
-- with a key derived from the server's signing key (store/webhooks.go);
-- previous_secret is the secret before the last rotation, used as well
-- until rotation_ends_at. events is a JSON array of event types.
CREATE TABLE webhooks (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    url                  TEXT NOT NULL,
    description          TEXT NOT NULL DEFAULT '',
    events               TEXT NOT NULL,
    secret               TEXT NOT NULL,
    previous_secret      TEXT NOT NULL DEFAULT '',
    rotation_ends_at     TIMESTAMP,
    enabled              INTEGER NOT NULL DEFAULT 1,
    disabled_reason      TEXT NOT NULL DEFAULT '',
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL
);

--bun:split

-- One event for one endpoint. message_id is the webhook-id header, the
-- same on every retry and replay; payload is the JSON of the event's data.
-- audit_id names the audit entry the event follows; the unique key makes
-- the fan-out of one entry idempotent.
CREATE TABLE webhook_deliveries (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id       INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    message_id       TEXT NOT NULL UNIQUE,
    audit_id         INTEGER NOT NULL,
    event_type       TEXT NOT NULL,
    subject          TEXT NOT NULL,
    payload          TEXT NOT NULL,
    event_at         TIMESTAMP NOT NULL,
    status           TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    failures         INTEGER NOT NULL DEFAULT 0,
    status_code      INTEGER,
    excerpt          TEXT NOT NULL DEFAULT '',
    error            TEXT NOT NULL DEFAULT '',
    last_attempt_at  TIMESTAMP,
    next_attempt_at  TIMESTAMP,
    created_at       TIMESTAMP NOT NULL,
    UNIQUE (webhook_id, audit_id, event_type, subject)
);

--bun:split

CREATE INDEX webhook_deliveries_recent_idx ON webhook_deliveries (webhook_id, id DESC);

--bun:split

CREATE TABLE webhook_attempts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    at          TIMESTAMP NOT NULL,
    status_code INTEGER,
    outcome     TEXT NOT NULL,
    error       TEXT NOT NULL DEFAULT '',
    next_attempt_at TIMESTAMP
);

--bun:split

CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, id);
