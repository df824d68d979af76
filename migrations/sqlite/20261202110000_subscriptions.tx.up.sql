-- Followers of an issue, an agency or a saved search (double opt-in).
-- email is personal data: it is read only to send mail and deleted with
-- the row when its owner stops. email_hash is an HMAC of the address under
-- the deployment's address key: it groups an address's subscriptions (one
-- mail per address per hour) and names the address in job arguments.
-- confirm_token_hash is the SHA-256 of the token mailed for confirmation;
-- stop_token is kept as it is, since every later mail carries it.
CREATE TABLE subscriptions (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    email              TEXT NOT NULL,
    email_hash         TEXT NOT NULL,
    target_kind        TEXT NOT NULL CHECK (target_kind IN ('ISSUE', 'AGENCY', 'SEARCH')),
    target_value       TEXT NOT NULL,
    confirm_token_hash TEXT NOT NULL UNIQUE,
    stop_token         TEXT NOT NULL UNIQUE,
    created_at         TIMESTAMP NOT NULL,
    confirmed_at       TIMESTAMP,
    last_notified_at   TIMESTAMP,
    UNIQUE (email_hash, target_kind, target_value)
);

--bun:split

CREATE INDEX subscriptions_target_idx ON subscriptions (target_kind, target_value) WHERE confirmed_at IS NOT NULL;

--bun:split

CREATE INDEX subscriptions_pending_idx ON subscriptions (created_at) WHERE confirmed_at IS NULL;

--bun:split

-- What a follower is still to be told: one row per subscription and audit
-- entry, so that a change fanned out twice is recorded once.
CREATE TABLE subscription_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    entry_id        INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    issue_id        INTEGER NOT NULL,
    reason          TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    UNIQUE (subscription_id, entry_id)
);
