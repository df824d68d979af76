CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    revoked_at   TIMESTAMP,
    device       TEXT NOT NULL DEFAULT '',
    address_hash TEXT NOT NULL DEFAULT ''
);

--bun:split

CREATE INDEX sessions_user_idx ON sessions (user_id, expires_at);
