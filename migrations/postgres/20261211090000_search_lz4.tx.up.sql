-- The texts and tsvectors of the search documents, which toast_tuple_target
-- sends out of line, are compressed with LZ4 rather than pglz where the
-- server is built with it: compressing them with pglz was a sixth of the
-- server's work in a rebuild into an empty index, and LZ4 costs a fraction
-- of that (on the benchmark archive the values also come out 6 % smaller).
-- Rows keep the method they were written with until they are written
-- again. Only the catalog changes, under the table's ACCESS EXCLUSIVE lock
-- until the migration commits; a server without LZ4 keeps pglz.
DO $$
BEGIN
    ALTER TABLE search_documents
        ALTER COLUMN title SET COMPRESSION lz4,
        ALTER COLUMN summary SET COMPRESSION lz4,
        ALTER COLUMN body SET COMPRESSION lz4,
        ALTER COLUMN extra SET COMPRESSION lz4,
        ALTER COLUMN terms SET COMPRESSION lz4,
        ALTER COLUMN tsv SET COMPRESSION lz4,
        ALTER COLUMN tsv_head SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'search_documents keeps pglz: %', SQLERRM;
END
$$;
