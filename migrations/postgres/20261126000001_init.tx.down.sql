DROP TABLE IF EXISTS search_synonyms, response_policies, holidays, search_outbox, audit_log, questions,
    response_revisions, responses, issue_events, issue_sources, issues, issue_counters, users, categories, agencies;

--bun:split

DROP FUNCTION IF EXISTS audit_log_append_only();
