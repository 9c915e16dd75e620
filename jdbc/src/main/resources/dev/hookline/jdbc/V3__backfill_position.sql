-- Hookline schema version 3: where scheduled backfills of missed events keep their position.
--
-- ${prefix} stands for the table-name prefix (hookline_ by default), as in version 1.
--
-- One row per endpoint that a backfill runs for (from Exa's events API), written by JdbcPositionStore:
--   endpoint           the endpoint's name.
--   position_at        the creation time of the last event processed, or the time the first run started from;
--                      null until a run has finished.
--   position_event_id  the id of the last event processed at position_at; null for a start time.
--   updated_at         when a run last stored the position, by the application's clock; for people only.
-- A run holds its endpoint's row with SELECT ... FOR UPDATE SKIP LOCKED for as long as it goes and stores the
-- position it reached before it commits: a run in another instance finds the row held and skips its turn.
CREATE TABLE ${prefix}backfill_position (
    endpoint          text        NOT NULL,
    position_at       timestamptz,
    position_event_id text,
    updated_at        timestamptz,
    CONSTRAINT ${prefix}backfill_position_pkey PRIMARY KEY (endpoint),
    CONSTRAINT ${prefix}backfill_position_event CHECK (position_event_id IS NULL OR position_at IS NOT NULL)
);
