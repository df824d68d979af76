DROP TRIGGER search_ranks_delete ON search_documents;

--bun:split

DROP TRIGGER search_ranks_update ON search_documents;

--bun:split

DROP TRIGGER search_ranks_insert ON search_documents;

--bun:split

DROP FUNCTION search_ranks_remove();

--bun:split

DROP FUNCTION search_ranks_write();

--bun:split

DROP TABLE search_ranks;
