-- The playout engine's own memory across restarts. running_at_ms: the last instant the engine was
-- known to be running (written at every re-plan). At start-up, everything planned since then that
-- the air log does not know is reconciled (played late or logged MISSED), even on a station whose
-- air log is still empty: nothing the operator scheduled is dropped silently.
CREATE TABLE playout_state (
    name      TEXT    PRIMARY KEY,
    value_ms  INTEGER NOT NULL
);
