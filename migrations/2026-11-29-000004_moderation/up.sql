-- Who did what to which activity, when, with what comment. Never deleted.
--
-- The title is kept as it was so that history survives the deletion of a draft: the
-- references are then set to NULL, which is the only change the triggers below allow.
CREATE TABLE moderation_events (
    id             INTEGER PRIMARY KEY NOT NULL,
    activity_id    INTEGER REFERENCES activities (id) ON DELETE SET NULL,
    revision_id    INTEGER REFERENCES activity_revisions (id) ON DELETE SET NULL,
    activity_title TEXT    NOT NULL,
    -- NULL when the scheduler acted.
    actor_id       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    action         TEXT    NOT NULL,
    from_state     TEXT,
    to_state       TEXT,
    comment        TEXT    NOT NULL DEFAULT '',
    created_at     TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX moderation_events_activity ON moderation_events (activity_id, created_at);
CREATE INDEX moderation_events_created ON moderation_events (created_at);

CREATE TRIGGER moderation_events_append_only_update
BEFORE UPDATE ON moderation_events
WHEN NEW.id IS NOT OLD.id
  OR NEW.activity_title IS NOT OLD.activity_title
  OR NEW.action IS NOT OLD.action
  OR NEW.from_state IS NOT OLD.from_state
  OR NEW.to_state IS NOT OLD.to_state
  OR NEW.comment IS NOT OLD.comment
  OR NEW.created_at IS NOT OLD.created_at
  OR (NEW.activity_id IS NOT OLD.activity_id AND NEW.activity_id IS NOT NULL)
  OR (NEW.revision_id IS NOT OLD.revision_id AND NEW.revision_id IS NOT NULL)
  OR (NEW.actor_id IS NOT OLD.actor_id AND NEW.actor_id IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'moderation events are append-only');
END;

CREATE TRIGGER moderation_events_append_only_delete
BEFORE DELETE ON moderation_events
BEGIN
    SELECT RAISE(ABORT, 'moderation events are append-only');
END;
