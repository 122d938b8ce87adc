-- Which bulletin a one-off item airs, so its air-log rows carry the bulletin's CCHC topic and the
-- report counts it. NULL: raw audio an admin ordered, an emergency's audio, or a row older than this
-- column (those aired as plain audio and are reported as not belonging to a CCHC bulletin).
ALTER TABLE one_off_item ADD COLUMN bulletin_id INTEGER REFERENCES bulletin (id);
