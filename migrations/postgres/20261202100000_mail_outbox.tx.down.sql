DROP TABLE question_mail_tokens;

--bun:split

DROP TABLE mail_outbox;
