-- The audit trail (nhật ký thao tác): one row for every change a person makes, through the web UI
-- or the API, hash-chained like the air log (docs/decisions/0020-audit-trail.md). Values are copied
-- (the target's kind, id and name as they were), with no foreign key: deleting what a row names can
-- neither cascade into it nor be blocked by it.
CREATE TABLE audit_log (
    -- Assigned by the writer inside the write transaction (the head's seq + 1), never reused.
    seq             INTEGER PRIMARY KEY,
    at_ms           INTEGER NOT NULL,
    -- The person: a username (a login attempt: the name typed); never "system".
    actor           TEXT    NOT NULL,
    -- A stable code, e.g. BULLETIN_APPROVED.
    action          TEXT    NOT NULL,
    target_kind     TEXT,
    target_id       TEXT,
    target_name     TEXT,
    -- JSON: what changed (field: from, to), what was created or removed; never a password or a secret.
    details         TEXT,
    client_address  TEXT,
    via             TEXT    NOT NULL CHECK (via IN ('UI', 'API')),
    prev_hash       TEXT    NOT NULL,
    row_hash        TEXT    NOT NULL UNIQUE
);
CREATE INDEX audit_log_at ON audit_log (at_ms);
CREATE INDEX audit_log_actor ON audit_log (actor);
CREATE INDEX audit_log_action ON audit_log (action);

-- Defence in depth: the application has no UPDATE or DELETE of the trail; these make any other
-- writer through SQLite fail too. Someone with the file can drop them, which the hash chain shows.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
