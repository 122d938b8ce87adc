-- Every backup attempt and its outcome (docs/decisions/0023-backups-and-restore.md). A record, not
-- evidence: whether a backup is good is also written into its own folder (verified.txt), so a
-- restored older database cannot make the station forget or delete newer backups.
CREATE TABLE backup_run (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at_ms   INTEGER NOT NULL,
    finished_at_ms  INTEGER NOT NULL,
    -- NIGHTLY (the station's schedule) or MANUAL (a person: "Back up now", POST /api/backups)
    trigger         TEXT    NOT NULL CHECK (trigger IN ('NIGHTLY', 'MANUAL')),
    actor           TEXT    NOT NULL,
    -- the backup root folder and the backup's folder name in it (null when none was made)
    root            TEXT    NOT NULL,
    name            TEXT,
    -- GOOD: made and verified; FAILED: see problem_code (BackupException.Code) and problem
    outcome         TEXT    NOT NULL CHECK (outcome IN ('GOOD', 'FAILED')),
    problem_code    TEXT,
    problem         TEXT,
    total_bytes     INTEGER NOT NULL DEFAULT 0,
    files           INTEGER NOT NULL DEFAULT 0,
    files_copied    INTEGER NOT NULL DEFAULT 0,
    bytes_copied    INTEGER NOT NULL DEFAULT 0,
    air_log_rows    INTEGER NOT NULL DEFAULT 0,
    database_copy_ms INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX backup_run_started ON backup_run (started_at_ms);
