-- Accounts of the people who use the web UI and the API.
CREATE TABLE app_user (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    username              TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    display_name          TEXT    NOT NULL,
    password_hash         TEXT    NOT NULL,
    enabled               INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    must_change_password  INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    locale                TEXT    NOT NULL DEFAULT 'vi',
    created_at            TEXT    NOT NULL
);

CREATE TABLE app_user_role (
    user_id  INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role     TEXT    NOT NULL CHECK (role IN ('ADMIN', 'OPERATOR', 'APPROVER', 'REPORTER')),
    PRIMARY KEY (user_id, role)
);

-- One row per distinct audio content (same SHA-256 = same asset). The file lives under the
-- audio folder as stored_name; the name the operator uploaded is kept for display only.
CREATE TABLE audio_asset (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    title              TEXT    NOT NULL,
    original_filename  TEXT    NOT NULL,
    stored_name        TEXT    NOT NULL UNIQUE,
    sha256             TEXT    NOT NULL UNIQUE,
    size_bytes         INTEGER NOT NULL CHECK (size_bytes > 0),
    container          TEXT    NOT NULL CHECK (container IN ('MP3', 'WAV')),
    duration_ms        INTEGER NOT NULL CHECK (duration_ms > 0),
    frames             INTEGER NOT NULL CHECK (frames > 0),
    sample_rate        INTEGER NOT NULL,
    channels           INTEGER NOT NULL CHECK (channels IN (1, 2)),
    peak_dbfs          REAL    NOT NULL,
    loudness_lufs      REAL,
    imported_at        TEXT    NOT NULL,
    imported_by        TEXT    NOT NULL,
    retired            INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
);
