-- Hookline schema version 2: the durable inbox.
--
-- ${prefix} stands for the table-name prefix (hookline_ by default), as in version 1.
--
-- One row per verified event an endpoint accepted in inbox mode. The sender is answered once its row is committed;
-- workers in any instance run the handlers later.
--   endpoint, event_id  the unique key, and the deduplication: a redelivery inserts nothing. event_id is the key the
--                       endpoint's dispatcher deduplicates on: the event id, or for a provider that reads unsigned
--                       headers, the id followed by '#sha256=' and the hex SHA-256 of the body.
--   event               the verified event in its stored form (VerifiedEvent.toBytes(), versioned).
--   state               pending   accepted, never tried
--                       running   held by a worker under the lease `owner` holds until `lease_until`
--                       retrying  tried and failed (or its worker died); due again at `run_after`
--                       done      handled (at `finished_at`); kept for deduplication until pruned
--                       dead      failed `attempts` times (or could not be handled at all); kept until replayed
--   attempts            how many times a worker has taken the row.
--   last_error          the last failure's exception class and message, truncated; never the payload.
--   replayable_until    until when a replay of the delivery could still pass verification: a done row is kept at
--                       least until then.
-- Every time is the application's clock, passed in by JdbcInbox; the database's own clock is not read.
CREATE TABLE ${prefix}inbox (
    id               bigint      GENERATED ALWAYS AS IDENTITY,
    endpoint         text        NOT NULL,
    event_id         text        NOT NULL,
    event_type       text        NOT NULL,
    event            bytea       NOT NULL,
    received_at      timestamptz NOT NULL,
    replayable_until timestamptz,
    state            text        NOT NULL,
    attempts         integer     NOT NULL,
    run_after        timestamptz NOT NULL,
    owner            text,
    lease_until      timestamptz,
    last_error       text,
    finished_at      timestamptz,
    CONSTRAINT ${prefix}inbox_pkey PRIMARY KEY (id),
    CONSTRAINT ${prefix}inbox_event UNIQUE (endpoint, event_id),
    CONSTRAINT ${prefix}inbox_state CHECK (state IN ('pending', 'running', 'retrying', 'done', 'dead')),
    CONSTRAINT ${prefix}inbox_lease CHECK ((state = 'running') = (owner IS NOT NULL AND lease_until IS NOT NULL)),
    CONSTRAINT ${prefix}inbox_finished CHECK ((state IN ('done', 'dead')) = (finished_at IS NOT NULL)),
    CONSTRAINT ${prefix}inbox_attempts CHECK (attempts >= 0)
);

-- Workers find the rows that are due, oldest first, without reading the rest.
CREATE INDEX ${prefix}inbox_due ON ${prefix}inbox (run_after, id) WHERE state IN ('pending', 'retrying');
-- The rescue sweep finds the leases that have expired.
CREATE INDEX ${prefix}inbox_leases ON ${prefix}inbox (lease_until) WHERE state = 'running';
-- Pruning finds the done rows past their retention.
CREATE INDEX ${prefix}inbox_done ON ${prefix}inbox (finished_at) WHERE state = 'done';
-- Replay and listing find the dead rows.
CREATE INDEX ${prefix}inbox_dead ON ${prefix}inbox (received_at) WHERE state = 'dead';
