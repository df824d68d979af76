DROP INDEX IF EXISTS search_outbox_failed_idx;

--bun:split

DROP TABLE IF EXISTS search_vocabulary, search_documents;
