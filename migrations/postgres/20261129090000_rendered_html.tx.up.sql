-- The sanitised HTML of each response and revision, rendered once when the
-- text is written instead of on every read. Rows written before this column
-- existed are rendered by the server when it starts.
ALTER TABLE responses ADD COLUMN body_html TEXT NOT NULL DEFAULT '';

--bun:split

ALTER TABLE response_revisions ADD COLUMN body_html TEXT NOT NULL DEFAULT '';
