DROP TABLE IF EXISTS working_hours;

--bun:split

DROP INDEX IF EXISTS refresh_tokens_session_idx;

--bun:split

DROP TABLE IF EXISTS refresh_tokens;
