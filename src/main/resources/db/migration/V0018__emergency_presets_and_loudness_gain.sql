-- The loudness gain the player applied to an item (decision 0034), in hundredths of a dB so the
-- chained text holds an exact integer. Rows written before this column have none (NULL) and their
-- chained text leaves it out, so the chain over them still verifies; nothing here updates a row.
ALTER TABLE air_log ADD COLUMN gain_cdb INTEGER;

-- Emergency presets: a prepared message an operator orders in two taps. Ordering one stores an
-- ordinary emergency one-off (its siren, then its message, repeated), so the engine, the village
-- switching and the air log treat it exactly like an emergency ordered by hand.
--   siren: NONE, TONE (the generated siren, imported into the library as siren_asset_id), ASSET
--   message_asset_id: a recorded message, or the speech rendered from message_text when saved
--   spoken_text: the text message_asset_id was rendered from (NULL for a recorded message)
--   village_ids: ',1,2,'; NULL = every village in use when ordered
CREATE TABLE emergency_preset (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    name             TEXT    NOT NULL,
    position         INTEGER NOT NULL,
    siren            TEXT    NOT NULL CHECK (siren IN ('NONE', 'TONE', 'ASSET')),
    siren_asset_id   INTEGER REFERENCES audio_asset (id),
    message_asset_id INTEGER REFERENCES audio_asset (id),
    message_text     TEXT,
    spoken_text      TEXT,
    village_ids      TEXT,
    repeat_count     INTEGER NOT NULL DEFAULT 1 CHECK (repeat_count BETWEEN 1 AND 5),
    updated_at_ms    INTEGER NOT NULL,
    updated_by       TEXT    NOT NULL
);
CREATE UNIQUE INDEX emergency_preset_name ON emergency_preset (name);

-- A few presets every station starts with: the generated siren, and a text shown to the operator
-- (an admin who saves the preset on a station with espeak-ng gets it spoken too). The siren enters
-- the library the first time a preset needs it.
INSERT INTO emergency_preset (name, position, siren, message_text, repeat_count, updated_at_ms, updated_by) VALUES
    ('Bão', 1, 'TONE', 'Thông báo khẩn cấp: bão đang đổ bộ vào địa bàn xã. Đề nghị bà con chằng chống nhà cửa, không ra khơi, không ra đồng, ở trong nhà an toàn và theo dõi thông tin của chính quyền.', 2, 0, 'seed'),
    ('Lũ', 2, 'TONE', 'Thông báo khẩn cấp: nước lũ đang lên nhanh. Đề nghị bà con vùng trũng thấp di chuyển người, tài sản đến nơi cao, không qua ngầm tràn, không vớt củi trên sông.', 2, 0, 'seed'),
    ('Cháy', 3, 'TONE', 'Thông báo khẩn cấp: đang có cháy trên địa bàn xã. Đề nghị bà con tránh xa khu vực cháy, nhường đường cho lực lượng chữa cháy, gọi 114 khi cần.', 2, 0, 'seed'),
    ('Mất điện', 4, 'TONE', 'Thông báo: điện lưới trên địa bàn xã bị gián đoạn. Đề nghị bà con tắt các thiết bị điện và giữ an toàn khi có điện trở lại.', 1, 0, 'seed');
