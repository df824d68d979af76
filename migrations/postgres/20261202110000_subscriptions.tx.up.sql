-- Followers of an issue, an agency or a saved search (double opt-in).
-- email is personal data: it is read only to send mail and deleted with
-- the row when its owner stops. email_hash is an HMAC of the address under
-- the deployment's address key: it groups an address's subscriptions (one
-- mail per address per hour) and names the address in job arguments.
-- confirm_token_hash is the SHA-256 of the token mailed for confirmation;
-- stop_token is kept as it is, since every later mail carries it.
CREATE TABLE subscriptions (
    id                 bigserial PRIMARY KEY,
    email              text NOT NULL,
    email_hash         text NOT NULL,
    target_kind        text NOT NULL CHECK (target_kind IN ('ISSUE', 'AGENCY', 'SEARCH')),
    target_value       text NOT NULL,
    confirm_token_hash text NOT NULL UNIQUE,
    stop_token         text NOT NULL UNIQUE,
    created_at         timestamptz NOT NULL,
    confirmed_at       timestamptz,
    last_notified_at   timestamptz,
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
    id              bigserial PRIMARY KEY,
    subscription_id bigint NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    entry_id        bigint NOT NULL,
    kind            text NOT NULL,
    issue_id        bigint NOT NULL,
    reason          text NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL,
    UNIQUE (subscription_id, entry_id)
);
