DROP INDEX IF EXISTS questions_status_idx;

--bun:split

ALTER TABLE questions DROP COLUMN rejected_at;

--bun:split

ALTER TABLE questions DROP COLUMN linked_at;
