CREATE TABLE refresh_tokens (
    hash       TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);

--bun:split

CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

--bun:split

CREATE TABLE working_hours (
    weekday      INTEGER PRIMARY KEY CHECK (weekday BETWEEN 0 AND 6),
    start_minute INTEGER NOT NULL CHECK (start_minute >= 0 AND start_minute < 1440),
    end_minute   INTEGER NOT NULL CHECK (end_minute > start_minute AND end_minute <= 1440),
    updated_at   TIMESTAMP NOT NULL
);

--bun:split

INSERT INTO working_hours (weekday, start_minute, end_minute, updated_at) VALUES
    (1, 480, 960, strftime('%Y-%m-%d %H:%M:%f', 'now')),
    (2, 480, 960, strftime('%Y-%m-%d %H:%M:%f', 'now')),
    (3, 480, 960, strftime('%Y-%m-%d %H:%M:%f', 'now')),
    (4, 480, 960, strftime('%Y-%m-%d %H:%M:%f', 'now')),
    (5, 480, 960, strftime('%Y-%m-%d %H:%M:%f', 'now'));
