-- Hookline schema version 1: deduplication shared by every instance of an application.
--
-- ${prefix} stands for the table-name prefix (hookline_ by default). JdbcSchema replaces it before running
-- this file; it is also Flyway's placeholder syntax, so Flyway can run the file as it is, given the prefix.
--
-- One row per event an endpoint has claimed, keyed by the endpoint's name and the event id:
--   state 'held'       a delivery runs the handlers under the lease `owner` holds until `lease_until`;
--                      once that time has passed, the next claim takes the event over.
--   state 'completed'  the handlers ran (at `completed_at`); later claims are duplicates.
--   expires_at         when pruning may delete the row: for a completed event the later of completed_at plus
--                      the retention and the time until which a replay of its delivery could be accepted; for a
--                      held one, lease_until plus the retention (its holder is long gone by then).
-- Every time is the application's clock, passed in by JdbcDeduplicator; the database's own clock is not read.
CREATE TABLE ${prefix}deduplication (
    endpoint     text        NOT NULL,
    event_id     text        NOT NULL,
    state        text        NOT NULL,
    owner        text        NOT NULL,
    lease_until  timestamptz NOT NULL,
    completed_at timestamptz,
    expires_at   timestamptz NOT NULL,
    CONSTRAINT ${prefix}deduplication_pkey PRIMARY KEY (endpoint, event_id),
    CONSTRAINT ${prefix}deduplication_state CHECK (state IN ('held', 'completed')),
    CONSTRAINT ${prefix}deduplication_completed_at CHECK ((state = 'completed') = (completed_at IS NOT NULL))
);

-- Pruning finds the expired rows without reading the whole table.
CREATE INDEX ${prefix}deduplication_expires_at ON ${prefix}deduplication (expires_at);
