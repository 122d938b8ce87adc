-- The SHA-256 of the audio file as the player read it right before airing an item (decision 0024).
-- asset_sha256 is what the library recorded at import; played_sha256 is what actually went out.
-- Rows written before this column have none (NULL), and their chained text leaves it out, so the
-- chain over them still verifies; nothing here updates an existing row.
ALTER TABLE air_log ADD COLUMN played_sha256 TEXT;
