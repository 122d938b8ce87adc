-- Station settings an admin edits in the web UI (commune and station names...). One row per key,
-- so adding a setting needs no migration; the values are plain text.
CREATE TABLE station_setting (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL
);

INSERT INTO station_setting (key, value, updated_at, updated_by) VALUES
    ('commune.name', 'Xã Gio Sơn', '2026-01-01T00:00:00Z', 'system'),
    ('station.name', 'Đài truyền thanh xã Gio Sơn', '2026-01-01T00:00:00Z', 'system');
