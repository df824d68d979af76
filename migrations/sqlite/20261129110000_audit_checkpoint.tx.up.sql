-- The last audit entry a verification found intact, with its hash. The
-- public verification re-computes only the entries after it and checks that
-- the entry still carries this hash; a full verification re-computes all.
CREATE TABLE audit_checkpoint (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    entry_id    INTEGER NOT NULL,
    hash        TEXT NOT NULL,
    verified_at TIMESTAMP
);

--bun:split

INSERT INTO audit_checkpoint (id, entry_id, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
