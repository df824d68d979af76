-- The full tsvector of every search document, once more, kept in the row
-- (compressed, out of line only past a page) rather than in TOAST: a
-- search ranks its best 1,000 candidates on it, and reading a value from
-- TOAST opens the TOAST table and its index for every value: a fifth of a
-- selective search at 100,000 documents (docs/performance.md, "PostgreSQL
-- search at 100,000 documents"). Triggers on search_documents
-- keep it in step, in the statement that writes the documents, whichever
-- path writes them; one statement of many documents is copied in one.
CREATE TABLE search_ranks (
    issue_id bigint PRIMARY KEY,
    tsv      tsvector NOT NULL
);

--bun:split

ALTER TABLE search_ranks ALTER COLUMN tsv SET STORAGE MAIN;

--bun:split

DO $$
BEGIN
    ALTER TABLE search_ranks ALTER COLUMN tsv SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'search_ranks keeps pglz: %', SQLERRM;
END
$$;

--bun:split

INSERT INTO search_ranks (issue_id, tsv) SELECT issue_id, tsv FROM search_documents;

--bun:split

CREATE FUNCTION search_ranks_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_ranks (issue_id, tsv)
    SELECT issue_id, tsv FROM written
    ON CONFLICT (issue_id) DO UPDATE SET tsv = excluded.tsv;
    RETURN NULL;
END
$$;

--bun:split

CREATE FUNCTION search_ranks_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_ranks AS r USING removed WHERE r.issue_id = removed.issue_id;
    RETURN NULL;
END
$$;

--bun:split

CREATE TRIGGER search_ranks_insert AFTER INSERT ON search_documents
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION search_ranks_write();

--bun:split

CREATE TRIGGER search_ranks_update AFTER UPDATE ON search_documents
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION search_ranks_write();

--bun:split

CREATE TRIGGER search_ranks_delete AFTER DELETE ON search_documents
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION search_ranks_remove();

--bun:split

ANALYZE search_ranks;
