-- The transactional outbox of domain events. A change writes its events in
-- its own transaction and announces each with NOTIFY (the payload is only
-- the id). Readers page by (txid, id) and read only events of transactions
-- older than every transaction still running, so an event committed late
-- by a slow transaction is never skipped.
CREATE TABLE events (
    id          bigserial PRIMARY KEY,
    -- The writing transaction, as a number (xid8 fits in bigint).
    txid        bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    kind        text NOT NULL CONSTRAINT events_kind_format CHECK (kind ~ '^[a-z][a-z_]*\.[a-z][a-z_]*$'),
    content_id  uuid,
    user_id     uuid,
    actor_id    uuid,
    data        jsonb NOT NULL DEFAULT '{}',
    occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_position_idx ON events (txid, id);
CREATE INDEX events_occurred_at_idx ON events (occurred_at);

-- Every insert announces itself when (and only if) its transaction commits.
CREATE FUNCTION vellum_notify_event() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('vellum_events', NEW.id::text);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER events_notify AFTER INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION vellum_notify_event();
