ALTER TABLE questions ADD COLUMN linked_at TIMESTAMP;

--bun:split

ALTER TABLE questions ADD COLUMN rejected_at TIMESTAMP;

--bun:split

CREATE INDEX questions_status_idx ON questions (status, created_at);
