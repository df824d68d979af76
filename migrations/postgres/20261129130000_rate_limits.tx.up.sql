-- Rate-limit windows that every instance shares, so that N instances
-- enforce one limit. key_hash is an HMAC of the limit and the client address
-- or account (never the address itself); window_start and window_end are
-- Unix milliseconds; attempts counts the window's attempts. Losing the
-- counts in a crash only forgives the attempts of one window, so the table
-- is unlogged: no WAL for a write that comes with many requests. Most writes
-- only add to attempts, an unindexed column, so the spare room on each page
-- lets PostgreSQL update the row in place.
CREATE UNLOGGED TABLE rate_limits (
    key_hash     bytea PRIMARY KEY,
    window_start bigint NOT NULL,
    window_end   bigint NOT NULL,
    attempts     integer NOT NULL
) WITH (fillfactor = 70);

--bun:split

CREATE INDEX rate_limits_window_end_idx ON rate_limits (window_end);
