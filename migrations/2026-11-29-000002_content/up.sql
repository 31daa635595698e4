-- Categories, editable pages, and activities with their revisions.
--
-- An activity is the stable identity (slug, organization, publication time); what a member
-- writes lives in revisions. Editing a published activity starts a new revision with its own
-- state while the live one stays public until the new one is approved.

CREATE TABLE categories (
    id          INTEGER PRIMARY KEY NOT NULL,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- About, Members, Contact, Privacy: edited by the secretariat.
CREATE TABLE pages (
    id         INTEGER PRIMARY KEY NOT NULL,
    slug       TEXT    NOT NULL UNIQUE,
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL DEFAULT '',
    language   TEXT    NOT NULL DEFAULT 'en',
    position   INTEGER NOT NULL DEFAULT 0,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_by INTEGER REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE activities (
    id              INTEGER PRIMARY KEY NOT NULL,
    slug            TEXT    NOT NULL UNIQUE,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    -- The revision being written or moderated (the newest one).
    current_revision_id INTEGER REFERENCES activity_revisions (id) DEFERRABLE INITIALLY DEFERRED,
    -- The revision the public sees; NULL while the activity is not public.
    live_revision_id    INTEGER REFERENCES activity_revisions (id) DEFERRABLE INITIALLY DEFERRED,
    -- Public lists are ordered by this: the first publication, kept across re-publication.
    published_at    TIMESTAMP,
    created_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX activities_organization ON activities (organization_id);
CREATE INDEX activities_public ON activities (published_at DESC) WHERE live_revision_id IS NOT NULL;
CREATE INDEX activities_live_revision ON activities (live_revision_id);
CREATE INDEX activities_current_revision ON activities (current_revision_id);

CREATE TABLE activity_revisions (
    id          INTEGER PRIMARY KEY NOT NULL,
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    -- 1, 2, 3… within the activity; action forms carry it to detect stale submissions.
    number      INTEGER NOT NULL,
    state       TEXT    NOT NULL DEFAULT 'draft' CHECK (state IN (
                    'draft', 'submitted', 'changes_requested', 'rejected',
                    'scheduled', 'published', 'unpublished', 'superseded')),
    title       TEXT    NOT NULL,
    summary     TEXT    NOT NULL DEFAULT '',
    -- Markdown as the member wrote it; rendered and sanitized on save into body_html.
    body        TEXT    NOT NULL DEFAULT '',
    body_html   TEXT    NOT NULL DEFAULT '',
    event_start DATE,
    event_end   DATE CHECK (event_end IS NULL OR event_start IS NULL OR event_end >= event_start),
    -- Free text; several places allowed, one per line.
    location    TEXT    NOT NULL DEFAULT '',
    -- BCP 47 tag of the content: en, my, th, km, lo, vi, zh…
    language    TEXT    NOT NULL DEFAULT 'en',
    -- Set by an approval with a future time; the scheduler publishes when it comes.
    publish_at  TIMESTAMP,
    -- Given with submit when the revision has photos of people.
    photo_consent BOOLEAN NOT NULL DEFAULT 0,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    submitted_at TIMESTAMP,
    UNIQUE (activity_id, number)
);
CREATE INDEX activity_revisions_state ON activity_revisions (state, submitted_at);
CREATE INDEX activity_revisions_due ON activity_revisions (publish_at) WHERE state = 'scheduled';

CREATE TABLE revision_categories (
    revision_id INTEGER NOT NULL REFERENCES activity_revisions (id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories (id),
    PRIMARY KEY (revision_id, category_id)
) WITHOUT ROWID;
CREATE INDEX revision_categories_category ON revision_categories (category_id, revision_id);

CREATE TABLE revision_partners (
    revision_id     INTEGER NOT NULL REFERENCES activity_revisions (id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    PRIMARY KEY (revision_id, organization_id)
) WITHOUT ROWID;
CREATE INDEX revision_partners_organization ON revision_partners (organization_id, revision_id);

-- External links, e.g. press coverage.
CREATE TABLE revision_links (
    id          INTEGER PRIMARY KEY NOT NULL,
    revision_id INTEGER NOT NULL REFERENCES activity_revisions (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    url         TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    UNIQUE (revision_id, position)
);
