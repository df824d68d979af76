-- Rate-limit windows kept in the database. A SQLite deployment is a single
-- process and counts in memory; the table keeps both schemas alike and lets
-- the shared counting be tested on either database. key_hash is an HMAC of
-- the limit and the client address or account; window_start and window_end
-- are Unix milliseconds.
CREATE TABLE rate_limits (
    key_hash     BLOB PRIMARY KEY,
    window_start INTEGER NOT NULL,
    window_end   INTEGER NOT NULL,
    attempts     INTEGER NOT NULL
) WITHOUT ROWID;

--bun:split

CREATE INDEX rate_limits_window_end_idx ON rate_limits (window_end);
