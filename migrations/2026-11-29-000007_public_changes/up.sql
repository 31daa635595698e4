-- Every change to what a visitor can see counts one up in public_changes; the portal reads
-- the count after each write (and once a second, for other processes' writes) and its page
-- cache forgets everything rendered before (src/db/changes.rs). Like the search index, this
-- follows every code path that writes, in the same transaction, and also a change made with
-- the sqlite3 shell. Drafts and submissions, which no visitor sees, do not count, so members
-- at work do not empty the cache.
--
-- A later migration that rebuilds one of these tables must recreate its triggers.

CREATE TABLE public_changes (
    id         INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    generation INTEGER NOT NULL
);
INSERT INTO public_changes (id, generation) VALUES (1, 0);

-- The site's structure: any change shows on public pages.
CREATE TRIGGER public_categories_insert AFTER INSERT ON categories
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_categories_update AFTER UPDATE ON categories
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_categories_delete AFTER DELETE ON categories
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_organizations_insert AFTER INSERT ON organizations
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_organizations_update AFTER UPDATE ON organizations
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_organizations_delete AFTER DELETE ON organizations
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_pages_insert AFTER INSERT ON pages
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_pages_update AFTER UPDATE ON pages
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_pages_delete AFTER DELETE ON pages
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

-- Activities: only those that are, or were until now, public.
CREATE TRIGGER public_activities_insert AFTER INSERT ON activities
    WHEN NEW.live_revision_id IS NOT NULL
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_activities_update AFTER UPDATE ON activities
    WHEN OLD.live_revision_id IS NOT NULL OR NEW.live_revision_id IS NOT NULL
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_activities_delete AFTER DELETE ON activities
    WHEN OLD.live_revision_id IS NOT NULL
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

-- A live revision and what hangs from it.
CREATE TRIGGER public_revisions_update AFTER UPDATE ON activity_revisions
    WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = OLD.id) OR EXISTS (SELECT 1 FROM activities WHERE live_revision_id = NEW.id)
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_revisions_delete AFTER DELETE ON activity_revisions
    WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = OLD.id)
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_revision_categories_insert AFTER INSERT ON revision_categories
    WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = NEW.revision_id)
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_revision_categories_update AFTER UPDATE ON revision_categories
    WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = OLD.revision_id) OR EXISTS (SELECT 1 FROM activities WHERE live_revision_id = NEW.revision_id)
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_revision_categories_delete AFTER DELETE ON revision_categories
    WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = OLD.revision_id)
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_revision_partners_insert AFTER INSERT ON revision_partners
    WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = NEW.revision_id)
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_revision_partners_update AFTER UPDATE ON revision_partners
    WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = OLD.revision_id) OR EXISTS (SELECT 1 FROM activities WHERE live_revision_id = NEW.revision_id)
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_revision_partners_delete AFTER DELETE ON revision_partners
    WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = OLD.revision_id)
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_revision_links_insert AFTER INSERT ON revision_links
    WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = NEW.revision_id)
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_revision_links_update AFTER UPDATE ON revision_links
    WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = OLD.revision_id) OR EXISTS (SELECT 1 FROM activities WHERE live_revision_id = NEW.revision_id)
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_revision_links_delete AFTER DELETE ON revision_links
    WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = OLD.revision_id)
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_photos_insert AFTER INSERT ON photos
    WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = NEW.revision_id)
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_photos_update AFTER UPDATE ON photos
    WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = OLD.revision_id) OR EXISTS (SELECT 1 FROM activities WHERE live_revision_id = NEW.revision_id)
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_photos_delete AFTER DELETE ON photos
    WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = OLD.revision_id)
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_attachments_insert AFTER INSERT ON attachments
    WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = NEW.revision_id)
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_attachments_update AFTER UPDATE ON attachments
    WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = OLD.revision_id) OR EXISTS (SELECT 1 FROM activities WHERE live_revision_id = NEW.revision_id)
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_attachments_delete AFTER DELETE ON attachments
    WHEN EXISTS (SELECT 1 FROM activities WHERE live_revision_id = OLD.revision_id)
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

-- Sizes of a photo already on a public page, or of an organization's logo.
CREATE TRIGGER public_image_variants_insert AFTER INSERT ON image_variants
    WHEN EXISTS (SELECT 1 FROM photos p JOIN activities a ON a.live_revision_id = p.revision_id WHERE p.image_id = NEW.image_id)
      OR EXISTS (SELECT 1 FROM organizations WHERE logo_image_id = NEW.image_id)
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;

CREATE TRIGGER public_image_variants_delete AFTER DELETE ON image_variants
    WHEN EXISTS (SELECT 1 FROM photos p JOIN activities a ON a.live_revision_id = p.revision_id WHERE p.image_id = OLD.image_id)
      OR EXISTS (SELECT 1 FROM organizations WHERE logo_image_id = OLD.image_id)
BEGIN
    UPDATE public_changes SET generation = generation + 1;
END;
