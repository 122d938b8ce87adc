-- Villages, bulletins, the schedule and the as-played air log.
-- Conventions: calendar dates are TEXT 'yyyy-MM-dd' and times of day TEXT 'HH:mm' (both sort as
-- text); instants that are compared or ranged over are INTEGER epoch milliseconds (*_ms); audit
-- timestamps are ISO-8601 TEXT. Every id is AUTOINCREMENT so an id is never reused: occurrence
-- keys (P<id>@date, O<id>) and copies in the air log keep meaning one thing forever.

-- The loudspeaker clusters (cụm loa thôn) a broadcast targets. Seeded here with Gio Sơn's seven
-- villages because a station without villages cannot schedule anything; other communes rename them.
CREATE TABLE village (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    name      TEXT    NOT NULL UNIQUE,
    position  INTEGER NOT NULL,
    enabled   INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1))
);
INSERT INTO village (name, position) VALUES
    ('Thôn 1', 1), ('Thôn 2', 2), ('Thôn 3', 3), ('Thôn 4', 4), ('Thôn 5', 5), ('Thôn 6', 6), ('Thôn 7', 7);

-- The CCHC topics bulletins are tagged with: data, not code, because next year's plan may change them.
-- A topic is retired rather than deleted: old bulletins and reports still name it.
CREATE TABLE cchc_topic (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    code      TEXT    NOT NULL UNIQUE,
    name      TEXT    NOT NULL,
    position  INTEGER NOT NULL,
    retired   INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
);
INSERT INTO cchc_topic (code, name, position) VALUES
    ('THE_CHE',   'Cải cách thể chế', 1),
    ('TTHC',      'Cải cách thủ tục hành chính', 2),
    ('BO_MAY',    'Cải cách tổ chức bộ máy', 3),
    ('CONG_VU',   'Cải cách chế độ công vụ, xây dựng đội ngũ CBCCVC', 4),
    ('TAI_CHINH', 'Cải cách tài chính công', 5),
    ('CQ_SO',     'Chính quyền điện tử, chính quyền số', 6),
    ('CHI_DAO',   'Công tác chỉ đạo, điều hành CCHC', 7),
    ('CHI_SO',    'Chỉ số PAR Index, SIPAS, PAPI, PCI', 8),
    ('KHAC',      'Khác (thời tiết, khẩn cấp, thông báo)', 9);

-- A bulletin (bản tin): an audio asset with its editorial data and its approval. Never deleted:
-- "deleted" hides it, so queue history and reports keep meaning.
CREATE TABLE bulletin (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    asset_id     INTEGER NOT NULL REFERENCES audio_asset (id),
    title        TEXT    NOT NULL,
    topic_id     INTEGER NOT NULL REFERENCES cchc_topic (id),
    author       TEXT    NOT NULL DEFAULT '',
    source       TEXT    NOT NULL DEFAULT '',
    valid_from   TEXT    NOT NULL,
    valid_to     TEXT,
    state        TEXT    NOT NULL DEFAULT 'DRAFT' CHECK (state IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED')),
    created_by   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    approver     TEXT,
    decided_at   TEXT,
    comment      TEXT,
    deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX bulletin_state ON bulletin (state, deleted);

-- A programme (chương trình): a recurring slot. days_mask bit 0 = Monday ... bit 6 = Sunday.
-- active_since is the instant it was created or last enabled: occurrences planned before it are
-- not "missed", they never existed.
CREATE TABLE programme (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    name              TEXT    NOT NULL,
    days_mask         INTEGER NOT NULL CHECK (days_mask BETWEEN 1 AND 127),
    start_time        TEXT    NOT NULL,
    valid_from        TEXT    NOT NULL,
    valid_to          TEXT,
    max_length_s      INTEGER NOT NULL CHECK (max_length_s > 0),
    priority          TEXT    NOT NULL DEFAULT 'NORMAL' CHECK (priority IN ('NORMAL', 'PRIORITY', 'EMERGENCY')),
    start_policy      TEXT    NOT NULL DEFAULT 'WAIT' CHECK (start_policy IN ('CUT', 'WAIT', 'SKIP')),
    wait_s            INTEGER NOT NULL DEFAULT 0 CHECK (wait_s >= 0),
    opening_asset_id  INTEGER REFERENCES audio_asset (id),
    closing_asset_id  INTEGER REFERENCES audio_asset (id),
    enabled           INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    active_since_ms   INTEGER NOT NULL,
    created_by        TEXT    NOT NULL,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL,
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

CREATE TABLE programme_village (
    programme_id  INTEGER NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
    village_id    INTEGER NOT NULL REFERENCES village (id),
    PRIMARY KEY (programme_id, village_id)
);

-- The queue: an approved bulletin assigned to a programme's occurrences from from_date to to_date
-- (one date when equal), in position order.
CREATE TABLE queue_entry (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    programme_id  INTEGER NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
    bulletin_id   INTEGER NOT NULL REFERENCES bulletin (id),
    from_date     TEXT    NOT NULL,
    to_date       TEXT    NOT NULL,
    position      INTEGER NOT NULL,
    created_by    TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    CHECK (to_date >= from_date)
);
CREATE INDEX queue_entry_programme ON queue_entry (programme_id, position);

-- A one-off broadcast at an instant (an emergency is one at "now" with EMERGENCY priority).
-- Cancelled, not deleted: its key O<id> stays unique forever.
CREATE TABLE one_off (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    title         TEXT    NOT NULL,
    starts_at_ms  INTEGER NOT NULL,
    priority      TEXT    NOT NULL CHECK (priority IN ('NORMAL', 'PRIORITY', 'EMERGENCY')),
    start_policy  TEXT    NOT NULL DEFAULT 'WAIT' CHECK (start_policy IN ('CUT', 'WAIT', 'SKIP')),
    wait_s        INTEGER NOT NULL DEFAULT 0 CHECK (wait_s >= 0),
    created_by    TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    cancelled     INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
    cancelled_by  TEXT,
    cancelled_at  TEXT
);
CREATE INDEX one_off_starts ON one_off (starts_at_ms);

CREATE TABLE one_off_item (
    one_off_id  INTEGER NOT NULL REFERENCES one_off (id),
    position    INTEGER NOT NULL,
    asset_id    INTEGER NOT NULL REFERENCES audio_asset (id),
    PRIMARY KEY (one_off_id, position)
);

CREATE TABLE one_off_village (
    one_off_id  INTEGER NOT NULL REFERENCES one_off (id),
    village_id  INTEGER NOT NULL REFERENCES village (id),
    PRIMARY KEY (one_off_id, village_id)
);

-- The as-played log (nhật ký phát): append-only, hash-chained evidence. One table so one chain
-- orders everything. Kinds: START (a broadcast began), ITEM (one item of it), END (it ended, a new
-- row, never an edit), NOT_AIRED (MISSED or SKIPPED: an occurrence that never started).
-- Every value is COPIED: no foreign key, so deleting a bulletin, asset, village or programme can
-- neither cascade into history nor be blocked by it.
CREATE TABLE air_log (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    kind              TEXT    NOT NULL CHECK (kind IN ('START', 'ITEM', 'END', 'NOT_AIRED')),
    recorded_at_ms    INTEGER NOT NULL,
    start_seq         INTEGER,
    occurrence_key    TEXT    NOT NULL,
    title             TEXT,
    planned_start_ms  INTEGER,
    actual_start_ms   INTEGER,
    actual_end_ms     INTEGER,
    nominal_ms        INTEGER,
    actual_ms         INTEGER,
    village_ids       TEXT,
    village_names     TEXT,
    priority          TEXT,
    trigger_kind      TEXT,
    triggered_by      TEXT,
    outcome           TEXT,
    reason            TEXT,
    item_position     INTEGER,
    item_kind         TEXT,
    topic_code        TEXT,
    topic_name        TEXT,
    asset_id          INTEGER,
    bulletin_id       INTEGER,
    asset_sha256      TEXT,
    prev_hash         TEXT    NOT NULL,
    row_hash          TEXT    NOT NULL UNIQUE
);
CREATE INDEX air_log_planned ON air_log (planned_start_ms);
CREATE INDEX air_log_key ON air_log (occurrence_key);
CREATE INDEX air_log_start_seq ON air_log (start_seq);
-- The database itself refuses a second start of one occurrence, and a second end of one start.
CREATE UNIQUE INDEX air_log_once_per_key ON air_log (occurrence_key) WHERE kind IN ('START', 'NOT_AIRED');
CREATE UNIQUE INDEX air_log_one_end ON air_log (start_seq) WHERE kind = 'END';

-- Defence in depth: the application has no UPDATE or DELETE of the log; these make any other
-- writer through SQLite fail too. Someone with the file can drop them, which the hash chain shows.
CREATE TRIGGER air_log_no_update BEFORE UPDATE ON air_log
BEGIN
    SELECT RAISE(ABORT, 'air_log is append-only');
END;
CREATE TRIGGER air_log_no_delete BEFORE DELETE ON air_log
BEGIN
    SELECT RAISE(ABORT, 'air_log is append-only');
END;
