DROP INDEX IF EXISTS search_outbox_failed_idx;

--bun:split

DROP TABLE IF EXISTS search_vocabulary;

--bun:split

DROP TABLE IF EXISTS search_fts;

--bun:split

DROP TABLE IF EXISTS search_documents;
