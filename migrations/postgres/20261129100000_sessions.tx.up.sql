CREATE TABLE sessions (
    id           text PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    device       text NOT NULL DEFAULT '',
    address_hash text NOT NULL DEFAULT ''
);

--bun:split

CREATE INDEX sessions_user_idx ON sessions (user_id, expires_at);
