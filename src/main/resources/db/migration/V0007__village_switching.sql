-- Village loudspeaker switching: each village's address on the station's switching driver, the
-- driver's settings, and per-village evidence rows in the air log.

-- How the drivers reach each village. One row per village, added when a technician wires it; a
-- village without a row is addressed by its default code only. Kept when the driver changes, so a
-- station moving from relays to IP clusters keeps its wiring table.
CREATE TABLE village_zone (
    village_id  INTEGER PRIMARY KEY REFERENCES village (id),
    code        TEXT    NOT NULL UNIQUE,
    relay       INTEGER UNIQUE CHECK (relay IS NULL OR relay BETWEEN 1 AND 256),
    dtmf_on     TEXT,
    dtmf_off    TEXT,
    mqtt_topic  TEXT UNIQUE,
    updated_at  TEXT    NOT NULL,
    updated_by  TEXT    NOT NULL
);
-- Gio Sơn's seven villages on relays 1..7 and codes thon-1..thon-7: what a board wired in village
-- order needs, and harmless while the driver is "none".
INSERT INTO village_zone (village_id, code, relay, dtmf_on, dtmf_off, mqtt_topic, updated_at, updated_by)
SELECT id, 'thon-' || position, position, '*3' || position || '#', '#3' || position || '*',
       'gioson/thon' || position, '2026-01-01T00:00:00Z', 'system'
FROM village WHERE name = 'Thôn ' || position AND position BETWEEN 1 AND 7;

-- The switching driver's settings (driver kind, port, broker, pre-roll...), edited by an admin.
-- Keys never set read their defaults: the driver "none" switches nothing.
CREATE TABLE zone_setting (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL
);

-- The air log gains the kind VILLAGE: one row when a broadcast's village is switched on (ON) and
-- one when it is switched off (OFF), hash-chained with the rest. SQLite cannot alter a CHECK, so
-- the table is rebuilt with every row copied as it was (seq and hashes included: the chain holds).
DROP TRIGGER air_log_no_update;
DROP TRIGGER air_log_no_delete;
CREATE TABLE air_log_v7 (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    kind              TEXT    NOT NULL CHECK (kind IN ('START', 'ITEM', 'END', 'NOT_AIRED', 'VILLAGE')),
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
INSERT INTO air_log_v7 SELECT * FROM air_log;
DROP TABLE air_log;
ALTER TABLE air_log_v7 RENAME TO air_log;
CREATE INDEX air_log_planned ON air_log (planned_start_ms);
CREATE INDEX air_log_key ON air_log (occurrence_key);
CREATE INDEX air_log_start_seq ON air_log (start_seq);
CREATE UNIQUE INDEX air_log_once_per_key ON air_log (occurrence_key) WHERE kind IN ('START', 'NOT_AIRED');
CREATE UNIQUE INDEX air_log_one_end ON air_log (start_seq) WHERE kind = 'END';
-- One ON and one OFF per broadcast (or village test) and village.
CREATE UNIQUE INDEX air_log_one_switch ON air_log (occurrence_key, village_ids, item_kind) WHERE kind = 'VILLAGE';
-- Reports read a period's village rows alone; a year of them is as many rows as its broadcasts.
CREATE INDEX air_log_village_planned ON air_log (planned_start_ms, seq) WHERE kind = 'VILLAGE';
CREATE TRIGGER air_log_no_update BEFORE UPDATE ON air_log
BEGIN
    SELECT RAISE(ABORT, 'air_log is append-only');
END;
CREATE TRIGGER air_log_no_delete BEFORE DELETE ON air_log
BEGIN
    SELECT RAISE(ABORT, 'air_log is append-only');
END;
