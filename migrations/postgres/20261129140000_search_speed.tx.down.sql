DROP INDEX IF EXISTS search_documents_facet_idx;

--bun:split

ALTER TABLE search_documents
    DROP COLUMN IF EXISTS tsv_head,
    RESET (toast_tuple_target);
