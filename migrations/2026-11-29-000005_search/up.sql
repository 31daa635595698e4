-- Full-text search over what visitors can read: one row per public activity (rowid = the
-- activity's id) holding the text of its live revision.
--
-- The trigram tokenizer indexes every run of three characters, so it finds words inside
-- Thai, Burmese, Khmer and Lao text, which are written without spaces between words and
-- which word tokenizers cannot split. It folds case and (with remove_diacritics 2) accents,
-- on the indexed text and on queries alike. Queries shorter than three characters cannot use
-- it; src/search/ handles those.
--
-- The body is indexed as the Markdown the member wrote: SQL cannot strip HTML, and the
-- Markdown is the text plus a little punctuation. Snippets are made readable in Rust.
CREATE VIRTUAL TABLE search_index USING fts5(
    title, summary, body, location, organizations, attachments,
    tokenize = 'trigram remove_diacritics 2 case_sensitive 0'
);

-- What the index must hold: the live revision of every public activity.
CREATE VIEW search_documents AS
SELECT a.id AS activity_id,
       r.id AS revision_id,
       r.title,
       r.summary,
       r.body,
       r.location,
       coalesce((SELECT o.name FROM organizations o WHERE o.id = a.organization_id), '')
           || coalesce((SELECT ' · ' || group_concat(p.name, ' · ')
                          FROM revision_partners rp
                          JOIN organizations p ON p.id = rp.organization_id
                         WHERE rp.revision_id = r.id), '') AS organizations,
       coalesce((SELECT group_concat(t.title, ' · ')
                   FROM attachments t WHERE t.revision_id = r.id), '') AS attachments
  FROM activities a
  JOIN activity_revisions r ON r.id = a.live_revision_id;

-- Triggers keep the index equal to the view inside the transaction that changes the data,
-- whichever code path publishes, unpublishes, schedules or edits: nothing has to remember
-- to call anything, and a rolled-back transaction leaves the index as it was.

-- Publishing, unpublishing, approving a new revision, moving to another organization.
CREATE TRIGGER search_activity_insert AFTER INSERT ON activities
WHEN NEW.live_revision_id IS NOT NULL
BEGIN
    INSERT INTO search_index (rowid, title, summary, body, location, organizations, attachments)
    SELECT activity_id, title, summary, body, location, organizations, attachments
      FROM search_documents WHERE activity_id = NEW.id;
END;

CREATE TRIGGER search_activity_update AFTER UPDATE OF id, live_revision_id, organization_id ON activities
WHEN NEW.id IS NOT OLD.id
  OR NEW.live_revision_id IS NOT OLD.live_revision_id
  OR NEW.organization_id IS NOT OLD.organization_id
BEGIN
    DELETE FROM search_index WHERE rowid IN (OLD.id, NEW.id);
    INSERT INTO search_index (rowid, title, summary, body, location, organizations, attachments)
    SELECT activity_id, title, summary, body, location, organizations, attachments
      FROM search_documents WHERE activity_id = NEW.id;
END;

CREATE TRIGGER search_activity_delete AFTER DELETE ON activities
BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id;
END;

-- The live revision edited in place (the secretariat may edit anything), or inserted after
-- the activity already points at it (the foreign key is deferred, so that order is legal).
CREATE TRIGGER search_revision_insert AFTER INSERT ON activity_revisions
WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = NEW.id)
BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT id FROM activities WHERE live_revision_id = NEW.id);
    INSERT INTO search_index (rowid, title, summary, body, location, organizations, attachments)
    SELECT activity_id, title, summary, body, location, organizations, attachments
      FROM search_documents WHERE revision_id = NEW.id;
END;

CREATE TRIGGER search_revision_update AFTER UPDATE OF title, summary, body, location ON activity_revisions
WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = NEW.id)
BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT id FROM activities WHERE live_revision_id = NEW.id);
    INSERT INTO search_index (rowid, title, summary, body, location, organizations, attachments)
    SELECT activity_id, title, summary, body, location, organizations, attachments
      FROM search_documents WHERE revision_id = NEW.id;
END;

-- Partners and attachments of the live revision.
CREATE TRIGGER search_partner_insert AFTER INSERT ON revision_partners
WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = NEW.revision_id)
BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT id FROM activities WHERE live_revision_id = NEW.revision_id);
    INSERT INTO search_index (rowid, title, summary, body, location, organizations, attachments)
    SELECT activity_id, title, summary, body, location, organizations, attachments
      FROM search_documents WHERE revision_id = NEW.revision_id;
END;

CREATE TRIGGER search_partner_delete AFTER DELETE ON revision_partners
WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = OLD.revision_id)
BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT id FROM activities WHERE live_revision_id = OLD.revision_id);
    INSERT INTO search_index (rowid, title, summary, body, location, organizations, attachments)
    SELECT activity_id, title, summary, body, location, organizations, attachments
      FROM search_documents WHERE revision_id = OLD.revision_id;
END;

CREATE TRIGGER search_partner_update AFTER UPDATE ON revision_partners
WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id IN (OLD.revision_id, NEW.revision_id))
BEGIN
    DELETE FROM search_index WHERE rowid IN
        (SELECT id FROM activities WHERE live_revision_id IN (OLD.revision_id, NEW.revision_id));
    INSERT INTO search_index (rowid, title, summary, body, location, organizations, attachments)
    SELECT activity_id, title, summary, body, location, organizations, attachments
      FROM search_documents WHERE revision_id IN (OLD.revision_id, NEW.revision_id);
END;

CREATE TRIGGER search_attachment_insert AFTER INSERT ON attachments
WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = NEW.revision_id)
BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT id FROM activities WHERE live_revision_id = NEW.revision_id);
    INSERT INTO search_index (rowid, title, summary, body, location, organizations, attachments)
    SELECT activity_id, title, summary, body, location, organizations, attachments
      FROM search_documents WHERE revision_id = NEW.revision_id;
END;

CREATE TRIGGER search_attachment_delete AFTER DELETE ON attachments
WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = OLD.revision_id)
BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT id FROM activities WHERE live_revision_id = OLD.revision_id);
    INSERT INTO search_index (rowid, title, summary, body, location, organizations, attachments)
    SELECT activity_id, title, summary, body, location, organizations, attachments
      FROM search_documents WHERE revision_id = OLD.revision_id;
END;

CREATE TRIGGER search_attachment_update AFTER UPDATE OF title, revision_id ON attachments
WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id IN (OLD.revision_id, NEW.revision_id))
BEGIN
    DELETE FROM search_index WHERE rowid IN
        (SELECT id FROM activities WHERE live_revision_id IN (OLD.revision_id, NEW.revision_id));
    INSERT INTO search_index (rowid, title, summary, body, location, organizations, attachments)
    SELECT activity_id, title, summary, body, location, organizations, attachments
      FROM search_documents WHERE revision_id IN (OLD.revision_id, NEW.revision_id);
END;

-- A renamed organization, wherever it submitted or partnered.
CREATE TRIGGER search_organization_rename AFTER UPDATE OF name ON organizations
WHEN NEW.name IS NOT OLD.name
BEGIN
    DELETE FROM search_index WHERE rowid IN (
        SELECT a.id FROM activities a
         WHERE a.live_revision_id IS NOT NULL
           AND (a.organization_id = NEW.id
                OR a.live_revision_id IN (SELECT revision_id FROM revision_partners
                                           WHERE organization_id = NEW.id)));
    INSERT INTO search_index (rowid, title, summary, body, location, organizations, attachments)
    SELECT d.activity_id, d.title, d.summary, d.body, d.location, d.organizations, d.attachments
      FROM search_documents d JOIN activities a ON a.id = d.activity_id
     WHERE a.organization_id = NEW.id
        OR d.revision_id IN (SELECT revision_id FROM revision_partners WHERE organization_id = NEW.id);
END;

-- Activities published before this migration.
INSERT INTO search_index (rowid, title, summary, body, location, organizations, attachments)
SELECT activity_id, title, summary, body, location, organizations, attachments FROM search_documents;
