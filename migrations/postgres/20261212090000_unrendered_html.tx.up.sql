-- The answers whose HTML is still to be rendered (written before HTML was
-- stored, or by hand): `serve` looks for them at every start, which without
-- these indexes read every response and revision. Normally both are empty.
CREATE INDEX responses_unrendered_idx ON responses (id) WHERE body_html = '';

--bun:split

CREATE INDEX response_revisions_unrendered_idx ON response_revisions (id) WHERE body_html = '';
