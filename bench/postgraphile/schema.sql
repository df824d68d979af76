-- What PostGraphile sees of Tanggap's own tables: the schema pgl with one
-- view per table, holding exactly what an anonymous Tanggap caller may read
-- (public issues: not NEW, not REJECTED, not internal; published responses;
-- sources without account handles), read through a role that may only
-- select, search, and insert responses (for the write workload).
-- Applied to the benchmark's working copy of the database; idempotent.

DO $$
BEGIN
    CREATE ROLE tanggap_bench_pgl LOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END
$$;

DROP SCHEMA IF EXISTS pgl CASCADE;
CREATE SCHEMA pgl;

CREATE VIEW pgl.agencies AS
    SELECT id, slug, name, short_name, description FROM public.agencies;

CREATE VIEW pgl.issues AS
    SELECT id, number, title, summary, kind, status, priority, verdict, category_id, agency_id,
           created_at, updated_at, assigned_at, acknowledged_at, answered_at, closed_at
    FROM public.issues
    WHERE status NOT IN ('NEW', 'REJECTED') AND NOT internal;

CREATE VIEW pgl.issue_sources AS
    SELECT id, issue_id, platform, url, claim_text, detected_at FROM public.issue_sources;

-- A simple view, so PostgreSQL can insert through it.
CREATE VIEW pgl.responses AS
    SELECT id, issue_id, agency_id, status, body, verdict, revision, created_at, updated_at, published_at
    FROM public.responses
    WHERE status = 'PUBLISHED';
-- A view column has no default of its own; this one lets inserts leave the id out.
ALTER VIEW pgl.responses ALTER COLUMN id SET DEFAULT nextval('public.responses_id_seq');

-- Views have no constraints of their own: smart tags give PostGraphile the
-- keys and relations of the tables behind them.
COMMENT ON VIEW pgl.agencies IS E'@primaryKey id\n@unique slug';
COMMENT ON VIEW pgl.issues IS E'@primaryKey id\n@unique number\n@foreignKey (agency_id) references pgl.agencies (id)';
COMMENT ON VIEW pgl.issue_sources IS E'@primaryKey id\n@foreignKey (issue_id) references pgl.issues (id)';
COMMENT ON VIEW pgl.responses IS E'@primaryKey id\n@foreignKey (issue_id) references pgl.issues (id)\n@foreignKey (agency_id) references pgl.agencies (id)';

-- Full-text search over the tsvector Tanggap keeps for every public issue
-- (search_documents.tsv: to_tsvector('indonesian', …) of title, summary,
-- responses and the rest, weighted A–D, under a GIN index), best match
-- first. A STABLE SQL function is inlined by the planner.
CREATE FUNCTION pgl.search_issues(q text) RETURNS SETOF pgl.issues
    LANGUAGE sql STABLE
AS $$
    SELECT i.*
    FROM pgl.issues i
    JOIN public.search_documents d ON d.issue_id = i.id
    WHERE d.tsv @@ plainto_tsquery('indonesian', q)
    ORDER BY ts_rank_cd(d.tsv, plainto_tsquery('indonesian', q)) DESC, i.id DESC
$$;

GRANT USAGE ON SCHEMA pgl TO tanggap_bench_pgl;
GRANT SELECT ON ALL TABLES IN SCHEMA pgl TO tanggap_bench_pgl;
GRANT INSERT ON pgl.responses TO tanggap_bench_pgl;
GRANT USAGE ON SEQUENCE public.responses_id_seq TO tanggap_bench_pgl;
GRANT EXECUTE ON FUNCTION pgl.search_issues(text) TO tanggap_bench_pgl;
-- The search function runs with the caller's rights; the search documents
-- hold public issues only.
GRANT SELECT ON public.search_documents TO tanggap_bench_pgl;
