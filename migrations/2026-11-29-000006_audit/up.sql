-- Who did what to accounts, organizations and the site's structure: logins, logouts, failed
-- logins, throttling, account and role changes. Append-only, like moderation events.
CREATE TABLE audit_events (
    id          INTEGER PRIMARY KEY NOT NULL,
    -- NULL for the command line, the start-up, or someone not logged in.
    actor_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    -- As typed or as it was, so the record survives renamed or removed accounts.
    actor_email TEXT    NOT NULL DEFAULT '',
    action      TEXT    NOT NULL,
    -- 'user', 'organization', 'category', 'page' or '' and its id.
    target_type TEXT    NOT NULL DEFAULT '',
    target_id   INTEGER,
    detail      TEXT    NOT NULL DEFAULT '',
    client_ip   TEXT    NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX audit_events_created ON audit_events (created_at);
CREATE INDEX audit_events_action ON audit_events (action, created_at);

CREATE TRIGGER audit_events_append_only_update
BEFORE UPDATE ON audit_events
WHEN NEW.id IS NOT OLD.id
  OR NEW.actor_email IS NOT OLD.actor_email
  OR NEW.action IS NOT OLD.action
  OR NEW.target_type IS NOT OLD.target_type
  OR NEW.target_id IS NOT OLD.target_id
  OR NEW.detail IS NOT OLD.detail
  OR NEW.client_ip IS NOT OLD.client_ip
  OR NEW.created_at IS NOT OLD.created_at
  OR (NEW.actor_id IS NOT OLD.actor_id AND NEW.actor_id IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;

CREATE TRIGGER audit_events_append_only_delete
BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
