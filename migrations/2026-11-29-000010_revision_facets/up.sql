-- The search filters offer the languages and years of the live revisions. Read from the
-- revision rows themselves, that touches the whole report of every activity (often in a
-- script of three bytes a character); this covering index holds only what is needed.
CREATE INDEX activity_revisions_facets ON activity_revisions (id, language, event_start);
