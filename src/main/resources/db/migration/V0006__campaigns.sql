-- Schedule files (schedules/*.yaml): what they describe beyond programmes and the queue.

-- The station's names a schedule file carries are station settings (station_setting, V0004).

-- A propaganda campaign (đợt tuyên truyền): a date range and the CCHC topics to emphasise in it,
-- e.g. the four quarters of plan 32/KH-UBND. Planning data only: nothing airs because of it, and
-- the air log does not refer to it, so a re-import may replace campaigns freely.
CREATE TABLE campaign (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL UNIQUE,
    from_date  TEXT    NOT NULL,
    to_date    TEXT    NOT NULL,
    note       TEXT    NOT NULL DEFAULT '',
    position   INTEGER NOT NULL,
    CHECK (to_date >= from_date)
);

CREATE TABLE campaign_topic (
    campaign_id  INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    topic_id     INTEGER NOT NULL REFERENCES cchc_topic (id),
    position     INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, topic_id)
);
