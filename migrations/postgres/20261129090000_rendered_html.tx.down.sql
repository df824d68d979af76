ALTER TABLE response_revisions DROP COLUMN body_html;

--bun:split

ALTER TABLE responses DROP COLUMN body_html;
