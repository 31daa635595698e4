-- Media, stored by content hash so that one photo uploaded twice is stored once.
-- Files live under media/ in the data directory; these rows say what exists and who may see it.

-- A photo as re-encoded at upload (the uploaded original, with its metadata, is never kept).
CREATE TABLE stored_images (
    id         INTEGER PRIMARY KEY NOT NULL,
    sha256     TEXT    NOT NULL UNIQUE,
    width      INTEGER NOT NULL CHECK (width > 0),
    height     INTEGER NOT NULL CHECK (height > 0),
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Sizes made once at upload, never per request.
CREATE TABLE image_variants (
    id         INTEGER PRIMARY KEY NOT NULL,
    image_id   INTEGER NOT NULL REFERENCES stored_images (id) ON DELETE CASCADE,
    format     TEXT    NOT NULL CHECK (format IN ('jpeg', 'webp', 'png')),
    width      INTEGER NOT NULL CHECK (width > 0),
    height     INTEGER NOT NULL CHECK (height > 0),
    byte_size  INTEGER NOT NULL,
    -- Relative to media/; named by the hash of the variant's own bytes.
    path       TEXT    NOT NULL UNIQUE,
    UNIQUE (image_id, format, width)
);

-- A photo placed on a revision, in order, with its own alt text and caption.
CREATE TABLE photos (
    id          INTEGER PRIMARY KEY NOT NULL,
    revision_id INTEGER NOT NULL REFERENCES activity_revisions (id) ON DELETE CASCADE,
    image_id    INTEGER NOT NULL REFERENCES stored_images (id),
    position    INTEGER NOT NULL,
    alt         TEXT    NOT NULL DEFAULT '',
    caption     TEXT    NOT NULL DEFAULT '',
    decorative  BOOLEAN NOT NULL DEFAULT 0,
    original_name TEXT  NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (revision_id, position)
);
CREATE INDEX photos_image ON photos (image_id);

-- A document (PDF, office formats) as uploaded, by content hash.
CREATE TABLE stored_files (
    id         INTEGER PRIMARY KEY NOT NULL,
    sha256     TEXT    NOT NULL UNIQUE,
    media_type TEXT    NOT NULL,
    byte_size  INTEGER NOT NULL CHECK (byte_size >= 0),
    path       TEXT    NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY NOT NULL,
    revision_id INTEGER NOT NULL REFERENCES activity_revisions (id) ON DELETE CASCADE,
    file_id     INTEGER NOT NULL REFERENCES stored_files (id),
    position    INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    language    TEXT    NOT NULL DEFAULT 'en',
    file_name   TEXT    NOT NULL,
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (revision_id, position)
);
CREATE INDEX attachments_file ON attachments (file_id);
