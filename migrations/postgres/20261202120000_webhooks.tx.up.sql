-- Webhook endpoints registered by ADMINs, the deliveries of events to them
-- and every attempt of a delivery. secret holds the signing secret sealed
-- with a key derived from the server's signing key (store/webhooks.go);
-- previous_secret is the secret before the last rotation, used as well
-- until rotation_ends_at. events is a JSON array of event types.
CREATE TABLE webhooks (
    id                   bigserial PRIMARY KEY,
    url                  text NOT NULL,
    description          text NOT NULL DEFAULT '',
    events               text NOT NULL,
    secret               text NOT NULL,
    previous_secret      text NOT NULL DEFAULT '',
    rotation_ends_at     timestamptz,
    enabled              boolean NOT NULL DEFAULT true,
    disabled_reason      text NOT NULL DEFAULT '',
    consecutive_failures integer NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);

--bun:split

-- One event for one endpoint. message_id is the webhook-id header, the
-- same on every retry and replay; payload is the JSON of the event's data.
-- audit_id names the audit entry the event follows; the unique key makes
-- the fan-out of one entry idempotent.
CREATE TABLE webhook_deliveries (
    id               bigserial PRIMARY KEY,
    webhook_id       bigint NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    message_id       text NOT NULL UNIQUE,
    audit_id         bigint NOT NULL,
    event_type       text NOT NULL,
    subject          text NOT NULL,
    payload          text NOT NULL,
    event_at         timestamptz NOT NULL,
    status           text NOT NULL,
    attempts         integer NOT NULL DEFAULT 0,
    failures         integer NOT NULL DEFAULT 0,
    status_code      integer,
    excerpt          text NOT NULL DEFAULT '',
    error            text NOT NULL DEFAULT '',
    last_attempt_at  timestamptz,
    next_attempt_at  timestamptz,
    created_at       timestamptz NOT NULL,
    UNIQUE (webhook_id, audit_id, event_type, subject)
);

--bun:split

CREATE INDEX webhook_deliveries_recent_idx ON webhook_deliveries (webhook_id, id DESC);

--bun:split

CREATE TABLE webhook_attempts (
    id          bigserial PRIMARY KEY,
    delivery_id bigint NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    at          timestamptz NOT NULL,
    status_code integer,
    outcome     text NOT NULL,
    error       text NOT NULL DEFAULT '',
    next_attempt_at timestamptz
);

--bun:split

CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, id);
