CREATE TABLE agencies (
    id          bigserial PRIMARY KEY,
    slug        text NOT NULL UNIQUE,
    name        text NOT NULL,
    short_name  text NOT NULL,
    description text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

--bun:split

CREATE TABLE categories (
    id          bigserial PRIMARY KEY,
    slug        text NOT NULL UNIQUE,
    name        text NOT NULL,
    description text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

--bun:split

CREATE TABLE users (
    id            bigserial PRIMARY KEY,
    email         text NOT NULL UNIQUE,
    name          text NOT NULL,
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('ADMIN', 'TRC', 'PIC', 'AUDITOR')),
    agency_id     bigint REFERENCES agencies (id),
    active        boolean NOT NULL DEFAULT true,
    token_version integer NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    CHECK ((role = 'PIC') = (agency_id IS NOT NULL))
);

--bun:split

CREATE TABLE issue_counters (
    year     integer PRIMARY KEY,
    last_seq integer NOT NULL
);

--bun:split

CREATE TABLE issues (
    id                 bigserial PRIMARY KEY,
    number             text NOT NULL UNIQUE,
    title              text NOT NULL,
    summary            text NOT NULL,
    kind               text NOT NULL CHECK (kind IN ('MISINFORMATION', 'COMPLAINT', 'QUESTION', 'INFORMATION_REQUEST', 'ASPIRATION')),
    status             text NOT NULL CHECK (status IN ('NEW', 'ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'CLOSED', 'REJECTED', 'DUPLICATE')),
    priority           text CHECK (priority IN ('URGENT', 'HIGH', 'NORMAL', 'LOW')),
    verdict            text CHECK (verdict IN ('FALSE', 'MISLEADING', 'PARTLY_TRUE', 'TRUE', 'UNPROVEN')),
    category_id        bigint REFERENCES categories (id),
    agency_id          bigint REFERENCES agencies (id),
    internal           boolean NOT NULL DEFAULT false,
    internal_reason    text NOT NULL DEFAULT '',
    duplicate_of_id    bigint REFERENCES issues (id),
    reject_reason      text NOT NULL DEFAULT '',
    external_ref       text UNIQUE,
    created_by_id      bigint REFERENCES users (id),
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    assigned_at        timestamptz,
    acknowledged_at    timestamptz,
    answered_at        timestamptz,
    closed_at          timestamptz,
    acknowledge_due_at timestamptz,
    answer_due_at      timestamptz
);

--bun:split

CREATE INDEX issues_created_idx ON issues (created_at, id);

--bun:split

CREATE INDEX issues_updated_idx ON issues (updated_at, id);

--bun:split

CREATE INDEX issues_agency_status_idx ON issues (agency_id, status);

--bun:split

CREATE INDEX issues_status_idx ON issues (status, internal);

--bun:split

CREATE TABLE issue_sources (
    id             bigserial PRIMARY KEY,
    issue_id       bigint NOT NULL REFERENCES issues (id),
    platform       text NOT NULL CHECK (platform IN ('FACEBOOK', 'INSTAGRAM', 'X', 'TIKTOK', 'YOUTUBE', 'WHATSAPP', 'NEWS', 'PORTAL', 'OTHER')),
    url            text NOT NULL DEFAULT '',
    claim_text     text NOT NULL DEFAULT '',
    account_handle text NOT NULL DEFAULT '',
    detected_at    timestamptz NOT NULL,
    created_at     timestamptz NOT NULL
);

--bun:split

CREATE INDEX issue_sources_issue_idx ON issue_sources (issue_id, id);

--bun:split

CREATE TABLE issue_events (
    id         bigserial PRIMARY KEY,
    issue_id   bigint NOT NULL REFERENCES issues (id),
    type       text NOT NULL,
    actor_id   bigint REFERENCES users (id),
    agency_id  bigint REFERENCES agencies (id),
    reason     text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL
);

--bun:split

CREATE INDEX issue_events_issue_idx ON issue_events (issue_id, created_at, id);

--bun:split

CREATE TABLE responses (
    id           bigserial PRIMARY KEY,
    issue_id     bigint NOT NULL REFERENCES issues (id),
    agency_id    bigint NOT NULL REFERENCES agencies (id),
    status       text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
    body         text NOT NULL,
    verdict      text CHECK (verdict IN ('FALSE', 'MISLEADING', 'PARTLY_TRUE', 'TRUE', 'UNPROVEN')),
    author_id    bigint REFERENCES users (id),
    revision     integer NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    published_at timestamptz,
    UNIQUE (issue_id, agency_id)
);

--bun:split

CREATE TABLE response_revisions (
    id          bigserial PRIMARY KEY,
    response_id bigint NOT NULL REFERENCES responses (id),
    number      integer NOT NULL,
    body        text NOT NULL,
    verdict     text,
    reason      text NOT NULL DEFAULT '',
    author_id   bigint REFERENCES users (id),
    created_at  timestamptz NOT NULL,
    UNIQUE (response_id, number)
);

--bun:split

CREATE TABLE questions (
    id             bigserial PRIMARY KEY,
    tracking_code  text NOT NULL UNIQUE,
    body           text NOT NULL,
    body_hash      text NOT NULL,
    submitter_hash text NOT NULL,
    name           text NOT NULL DEFAULT '',
    contact        text NOT NULL DEFAULT '',
    agency_id      bigint REFERENCES agencies (id),
    category_id    bigint REFERENCES categories (id),
    status         text NOT NULL CHECK (status IN ('RECEIVED', 'LINKED', 'REJECTED')),
    issue_id       bigint REFERENCES issues (id),
    reject_reason  text NOT NULL DEFAULT '',
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);

--bun:split

CREATE INDEX questions_dedupe_idx ON questions (submitter_hash, body_hash, created_at);

--bun:split

CREATE INDEX questions_issue_idx ON questions (issue_id);

--bun:split

CREATE TABLE audit_log (
    id         bigserial PRIMARY KEY,
    at         timestamptz NOT NULL,
    actor_id   bigint,
    actor_role text NOT NULL,
    action     text NOT NULL,
    subject    text NOT NULL,
    changes    text NOT NULL,
    prev_hash  text NOT NULL,
    hash       text NOT NULL UNIQUE
);

--bun:split

CREATE INDEX audit_log_subject_idx ON audit_log (subject, id);

--bun:split

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END
$$;

--bun:split

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

--bun:split

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

--bun:split

CREATE TABLE search_outbox (
    id              bigserial PRIMARY KEY,
    issue_id        bigint NOT NULL REFERENCES issues (id),
    created_at      timestamptz NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    last_error      text NOT NULL DEFAULT '',
    next_attempt_at timestamptz NOT NULL,
    done_at         timestamptz,
    failed_at       timestamptz
);

--bun:split

CREATE INDEX search_outbox_pending_idx ON search_outbox (id) WHERE done_at IS NULL AND failed_at IS NULL;

--bun:split

CREATE TABLE holidays (
    date       text PRIMARY KEY,
    name       text NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('NATIONAL', 'CUTI_BERSAMA', 'REGIONAL')),
    created_at timestamptz NOT NULL
);

--bun:split

CREATE TABLE response_policies (
    priority            text PRIMARY KEY CHECK (priority IN ('URGENT', 'HIGH', 'NORMAL', 'LOW')),
    acknowledge_minutes integer NOT NULL CHECK (acknowledge_minutes > 0),
    answer_minutes      integer NOT NULL CHECK (answer_minutes > 0),
    basis               text NOT NULL CHECK (basis IN ('CLOCK', 'WORKING')),
    updated_at          timestamptz NOT NULL
);

--bun:split

INSERT INTO response_policies (priority, acknowledge_minutes, answer_minutes, basis, updated_at) VALUES
    ('URGENT', 60, 360, 'CLOCK', now()),
    ('HIGH', 240, 480, 'WORKING', now()),
    ('NORMAL', 480, 1440, 'WORKING', now()),
    ('LOW', 1440, 4800, 'WORKING', now());

--bun:split

CREATE TABLE search_synonyms (
    id         bigserial PRIMARY KEY,
    term       text NOT NULL UNIQUE,
    synonyms   text NOT NULL,
    updated_at timestamptz NOT NULL
);
