DROP INDEX IF EXISTS search_documents_facet_idx;

--bun:split

DROP INDEX IF EXISTS search_documents_filter_idx;

--bun:split

DROP INDEX IF EXISTS search_documents_created_idx;

--bun:split

CREATE INDEX search_documents_created_idx ON search_documents (created_at, issue_id);
