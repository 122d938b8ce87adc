-- Station settings an admin edits in the web UI (commune and station names, report signer...). One row per key,
-- so adding a setting needs no migration; the values are plain text.
CREATE TABLE station_setting (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL
);

-- No rows: a key never set reads its configured default (loaxa.station.*, Gio Sơn out of the box).
