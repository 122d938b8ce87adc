-- The loudness gain the player applied to an item (decision 0034), in hundredths of a dB so the
-- chained text holds an exact integer. Rows written before this column have none (NULL) and their
-- chained text leaves it out, so the chain over them still verifies; nothing here updates a row.
ALTER TABLE air_log ADD COLUMN gain_cdb INTEGER;
