DROP INDEX IF EXISTS response_revisions_unrendered_idx;

--bun:split

DROP INDEX IF EXISTS responses_unrendered_idx;
