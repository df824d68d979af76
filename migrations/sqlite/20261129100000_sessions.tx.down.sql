DROP INDEX IF EXISTS sessions_user_idx;

--bun:split

DROP TABLE IF EXISTS sessions;
