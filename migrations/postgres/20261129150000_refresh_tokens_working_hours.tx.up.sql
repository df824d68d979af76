CREATE TABLE refresh_tokens (
    hash       text PRIMARY KEY,
    session_id text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    used_at    timestamptz
);

--bun:split

CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

--bun:split

CREATE TABLE working_hours (
    weekday      smallint PRIMARY KEY CHECK (weekday BETWEEN 0 AND 6),
    start_minute integer NOT NULL CHECK (start_minute >= 0 AND start_minute < 1440),
    end_minute   integer NOT NULL CHECK (end_minute > start_minute AND end_minute <= 1440),
    updated_at   timestamptz NOT NULL
);

--bun:split

INSERT INTO working_hours (weekday, start_minute, end_minute, updated_at) VALUES
    (1, 480, 960, now()),
    (2, 480, 960, now()),
    (3, 480, 960, now()),
    (4, 480, 960, now()),
    (5, 480, 960, now());
