DROP INDEX questions_mail_stop_token_idx;

--bun:split

ALTER TABLE questions DROP COLUMN mail_stop_token;

--bun:split

DROP TABLE mail_outbox;
