-- Member organizations, the accounts that act for them, their sessions and login attempts.
-- Timestamps are UTC, written as 'YYYY-MM-DD HH:MM:SS' (diesel's Timestamp on SQLite).

CREATE TABLE organizations (
    id          INTEGER PRIMARY KEY NOT NULL,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    -- ISO 3166-1 alpha-2, e.g. 'TH'; the interface names the country in the reader's language.
    country     TEXT    NOT NULL CHECK (length(country) = 2 AND country = upper(country)),
    website     TEXT,
    -- Markdown, rendered and sanitized like an activity body.
    profile     TEXT    NOT NULL DEFAULT '',
    logo_image_id INTEGER REFERENCES stored_images (id) ON DELETE SET NULL,
    active      BOOLEAN NOT NULL DEFAULT 1,
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE users (
    id              INTEGER PRIMARY KEY NOT NULL,
    -- Stored lower-cased so that uniqueness and look-up ignore case.
    email           TEXT    NOT NULL UNIQUE CHECK (email = lower(email)),
    display_name    TEXT    NOT NULL DEFAULT '',
    -- argon2id PHC string.
    password_hash   TEXT    NOT NULL,
    role            TEXT    NOT NULL CHECK (role IN ('secretariat', 'member')),
    organization_id INTEGER REFERENCES organizations (id),
    -- A generated one-time password must be replaced before anything else is reachable.
    must_change_password BOOLEAN NOT NULL DEFAULT 0,
    active          BOOLEAN NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_login_at   TIMESTAMP,
    -- A member belongs to exactly one organization; the secretariat to none.
    CHECK ((role = 'member') = (organization_id IS NOT NULL))
);
CREATE INDEX users_organization ON users (organization_id);

-- Server-side sessions: the cookie carries only a random key, so logout and deactivation
-- really end a session. `id` is a hash of that key, never the key itself.
CREATE TABLE sessions (
    id           TEXT    PRIMARY KEY NOT NULL,
    user_id      INTEGER REFERENCES users (id) ON DELETE CASCADE,
    state        TEXT    NOT NULL,
    created_at   TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_seen_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    expires_at   TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- For throttling by account and by client address; old rows are pruned.
CREATE TABLE login_attempts (
    id           INTEGER PRIMARY KEY NOT NULL,
    email        TEXT    NOT NULL,
    client_ip    TEXT    NOT NULL,
    succeeded    BOOLEAN NOT NULL,
    attempted_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX login_attempts_email ON login_attempts (email, attempted_at);
CREATE INDEX login_attempts_ip ON login_attempts (client_ip, attempted_at);
