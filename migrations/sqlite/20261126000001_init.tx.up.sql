CREATE TABLE agencies (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    short_name  TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

--bun:split

CREATE TABLE categories (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

--bun:split

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('ADMIN', 'TRC', 'PIC', 'AUDITOR')),
    agency_id     INTEGER REFERENCES agencies (id),
    active        INTEGER NOT NULL DEFAULT 1,
    token_version INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    CHECK ((role = 'PIC') = (agency_id IS NOT NULL))
);

--bun:split

CREATE TABLE issue_counters (
    year     INTEGER PRIMARY KEY,
    last_seq INTEGER NOT NULL
);

--bun:split

CREATE TABLE issues (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    number             TEXT NOT NULL UNIQUE,
    title              TEXT NOT NULL,
    summary            TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('MISINFORMATION', 'COMPLAINT', 'QUESTION', 'INFORMATION_REQUEST', 'ASPIRATION')),
    status             TEXT NOT NULL CHECK (status IN ('NEW', 'ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'CLOSED', 'REJECTED', 'DUPLICATE')),
    priority           TEXT CHECK (priority IN ('URGENT', 'HIGH', 'NORMAL', 'LOW')),
    verdict            TEXT CHECK (verdict IN ('FALSE', 'MISLEADING', 'PARTLY_TRUE', 'TRUE', 'UNPROVEN')),
    category_id        INTEGER REFERENCES categories (id),
    agency_id          INTEGER REFERENCES agencies (id),
    internal           INTEGER NOT NULL DEFAULT 0,
    internal_reason    TEXT NOT NULL DEFAULT '',
    duplicate_of_id    INTEGER REFERENCES issues (id),
    reject_reason      TEXT NOT NULL DEFAULT '',
    external_ref       TEXT UNIQUE,
    created_by_id      INTEGER REFERENCES users (id),
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    assigned_at        TIMESTAMP,
    acknowledged_at    TIMESTAMP,
    answered_at        TIMESTAMP,
    closed_at          TIMESTAMP,
    acknowledge_due_at TIMESTAMP,
    answer_due_at      TIMESTAMP
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
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    issue_id       INTEGER NOT NULL REFERENCES issues (id),
    platform       TEXT NOT NULL CHECK (platform IN ('FACEBOOK', 'INSTAGRAM', 'X', 'TIKTOK', 'YOUTUBE', 'WHATSAPP', 'NEWS', 'PORTAL', 'OTHER')),
    url            TEXT NOT NULL DEFAULT '',
    claim_text     TEXT NOT NULL DEFAULT '',
    account_handle TEXT NOT NULL DEFAULT '',
    detected_at    TIMESTAMP NOT NULL,
    created_at     TIMESTAMP NOT NULL
);

--bun:split

CREATE INDEX issue_sources_issue_idx ON issue_sources (issue_id, id);

--bun:split

CREATE TABLE issue_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    issue_id   INTEGER NOT NULL REFERENCES issues (id),
    type       TEXT NOT NULL,
    actor_id   INTEGER REFERENCES users (id),
    agency_id  INTEGER REFERENCES agencies (id),
    reason     TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);

--bun:split

CREATE INDEX issue_events_issue_idx ON issue_events (issue_id, created_at, id);

--bun:split

CREATE TABLE responses (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    issue_id     INTEGER NOT NULL REFERENCES issues (id),
    agency_id    INTEGER NOT NULL REFERENCES agencies (id),
    status       TEXT NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
    body         TEXT NOT NULL,
    verdict      TEXT CHECK (verdict IN ('FALSE', 'MISLEADING', 'PARTLY_TRUE', 'TRUE', 'UNPROVEN')),
    author_id    INTEGER REFERENCES users (id),
    revision     INTEGER NOT NULL DEFAULT 0,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    published_at TIMESTAMP,
    UNIQUE (issue_id, agency_id)
);

--bun:split

CREATE TABLE response_revisions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    response_id INTEGER NOT NULL REFERENCES responses (id),
    number      INTEGER NOT NULL,
    body        TEXT NOT NULL,
    verdict     TEXT,
    reason      TEXT NOT NULL DEFAULT '',
    author_id   INTEGER REFERENCES users (id),
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (response_id, number)
);

--bun:split

CREATE TABLE questions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    tracking_code  TEXT NOT NULL UNIQUE,
    body           TEXT NOT NULL,
    body_hash      TEXT NOT NULL,
    submitter_hash TEXT NOT NULL,
    name           TEXT NOT NULL DEFAULT '',
    contact        TEXT NOT NULL DEFAULT '',
    agency_id      INTEGER REFERENCES agencies (id),
    category_id    INTEGER REFERENCES categories (id),
    status         TEXT NOT NULL CHECK (status IN ('RECEIVED', 'LINKED', 'REJECTED')),
    issue_id       INTEGER REFERENCES issues (id),
    reject_reason  TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);

--bun:split

CREATE INDEX questions_dedupe_idx ON questions (submitter_hash, body_hash, created_at);

--bun:split

CREATE INDEX questions_issue_idx ON questions (issue_id);

--bun:split

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TIMESTAMP NOT NULL,
    actor_id   INTEGER,
    actor_role TEXT NOT NULL,
    action     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    changes    TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE
);

--bun:split

CREATE INDEX audit_log_subject_idx ON audit_log (subject, id);

--bun:split

CREATE TABLE search_outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    issue_id        INTEGER NOT NULL REFERENCES issues (id),
    created_at      TIMESTAMP NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    next_attempt_at TIMESTAMP NOT NULL,
    done_at         TIMESTAMP,
    failed_at       TIMESTAMP
);

--bun:split

CREATE INDEX search_outbox_pending_idx ON search_outbox (id) WHERE done_at IS NULL AND failed_at IS NULL;

--bun:split

CREATE TABLE holidays (
    date       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('NATIONAL', 'CUTI_BERSAMA', 'REGIONAL')),
    created_at TIMESTAMP NOT NULL
);

--bun:split

CREATE TABLE response_policies (
    priority            TEXT PRIMARY KEY CHECK (priority IN ('URGENT', 'HIGH', 'NORMAL', 'LOW')),
    acknowledge_minutes INTEGER NOT NULL CHECK (acknowledge_minutes > 0),
    answer_minutes      INTEGER NOT NULL CHECK (answer_minutes > 0),
    basis               TEXT NOT NULL CHECK (basis IN ('CLOCK', 'WORKING')),
    updated_at          TIMESTAMP NOT NULL
);

--bun:split

INSERT INTO response_policies (priority, acknowledge_minutes, answer_minutes, basis, updated_at) VALUES
    ('URGENT', 60, 360, 'CLOCK', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('HIGH', 240, 480, 'WORKING', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('NORMAL', 480, 1440, 'WORKING', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('LOW', 1440, 4800, 'WORKING', strftime('%Y-%m-%d %H:%M:%f', 'now'));

--bun:split

CREATE TABLE search_synonyms (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    term       TEXT NOT NULL UNIQUE,
    synonyms   TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
--bun:split
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--bun:split
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
