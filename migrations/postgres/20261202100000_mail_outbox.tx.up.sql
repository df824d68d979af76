-- E-mail notifications waiting to be sent, and a short record of those sent
-- (docs/notifications.md). A row is written with its mail.send job in the
-- transaction of the change that calls for it. recipient is the address
-- until the message is sent or refused for good, then ''; recipient_hash
-- (mail.AddressHash) stays for the record. payload is the notification
-- without its address, cleared with the address. question_id ties a
-- message to the question whose asker it goes to, so that the stop link
-- also cancels messages still waiting.
CREATE TABLE mail_outbox (
    id             bigserial PRIMARY KEY,
    kind           text NOT NULL,
    recipient      text NOT NULL DEFAULT '',
    recipient_hash text NOT NULL,
    question_id    bigint REFERENCES questions (id) ON DELETE SET NULL,
    payload        text NOT NULL DEFAULT '{}',
    created_at     timestamptz NOT NULL,
    sent_at        timestamptz,
    failed_at      timestamptz,
    message_id     text NOT NULL DEFAULT '',
    attempts       integer NOT NULL DEFAULT 0,
    last_error     text NOT NULL DEFAULT ''
);

--bun:split

CREATE INDEX mail_outbox_question_idx ON mail_outbox (question_id);

--bun:split

CREATE INDEX mail_outbox_created_idx ON mail_outbox (created_at);

--bun:split

-- The asker's stop token: written when a question arrives with an e-mail
-- address, deleted (with the address) when the asker stops the mail. Only a
-- question with a token gets mail. A table of its own, so that readers of
-- questions.* are unaffected.
CREATE TABLE question_mail_tokens (
    question_id bigint PRIMARY KEY REFERENCES questions (id) ON DELETE CASCADE,
    token       text NOT NULL UNIQUE
);
