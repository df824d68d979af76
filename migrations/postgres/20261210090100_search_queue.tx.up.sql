-- The search outbox gives way to index jobs in the job queue; the changes
-- still waiting in it were moved into index jobs just before (see
-- store/search.go, outboxToQueue).
DROP TABLE search_outbox;
