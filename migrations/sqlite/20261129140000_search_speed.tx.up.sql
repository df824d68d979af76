-- A search reads the filter and facet columns of every match. In the table
-- they come after the long texts, on overflow pages; these covering indexes
-- hold them compactly: one looked up by issue id for the matches of a
-- full-text query, one in date order for lists without words, and one in
-- facet order, which counts a list without words in one pass, unsorted.
CREATE INDEX search_documents_filter_idx ON search_documents (issue_id, created_at, kind, status, verdict, agency_slug, category_slug);

--bun:split

DROP INDEX search_documents_created_idx;

--bun:split

CREATE INDEX search_documents_created_idx ON search_documents (created_at, issue_id, kind, status, verdict, agency_slug, category_slug);

--bun:split

CREATE INDEX search_documents_facet_idx ON search_documents (agency_slug, category_slug, verdict, kind, status, created_at);
