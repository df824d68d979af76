-- A search reads the filter and facet columns of every match, and ranks
-- the best of them by their title and summary before it ranks a few on
-- everything. Both stay in the row: tsv_head holds the lexemes of the title
-- (A) and the summary (B), compressed in place, out of line only as a last
-- resort; and the long texts and the full tsvector move out of line
-- (toast_tuple_target), so that the rows of the table stay small and its
-- pages few. The table is rewritten once, here.
ALTER TABLE search_documents
    SET (toast_tuple_target = 128),
    ADD COLUMN tsv_head tsvector GENERATED ALWAYS AS (ts_filter(tsv, '{a,b}')) STORED,
    ALTER COLUMN tsv_head SET STORAGE MAIN;

--bun:split

-- Counts a list without words from the index alone.
CREATE INDEX search_documents_facet_idx ON search_documents (agency_slug, category_slug, verdict) INCLUDE (kind, status, created_at);
