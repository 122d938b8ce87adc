-- Personal access tokens for integrations (the provincial source system, scripts, a monitoring
-- server), and service accounts: users that act only through tokens and never log in with a password.

-- PERSON logs in with a password (UI and HTTP Basic); SERVICE cannot, its tokens are its only door.
ALTER TABLE app_user ADD COLUMN kind TEXT NOT NULL DEFAULT 'PERSON' CHECK (kind IN ('PERSON', 'SERVICE'));

-- One row per token ever issued. The secret itself is shown once and never stored: only its
-- SHA-256, by which a presented token is looked up. A revoked token keeps its row (who revoked it,
-- when), so the list answers "which tokens existed and who used them" long after.
CREATE TABLE api_token (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id         INTEGER NOT NULL REFERENCES app_user (id),
    name            TEXT    NOT NULL,
    token_hash      TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    -- the token's first characters ("lx_AbCd"), so a person can tell which token a script holds
    hint            TEXT    NOT NULL,
    -- comma-separated: read, schedule, emergency, report, admin
    scopes          TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    created_by      TEXT    NOT NULL,
    -- NULL: never expires (service accounts only)
    expires_at      TEXT,
    last_used_at    TEXT,
    last_used_from  TEXT,
    revoked_at      TEXT,
    revoked_by      TEXT
);
CREATE INDEX api_token_user ON api_token (user_id);
