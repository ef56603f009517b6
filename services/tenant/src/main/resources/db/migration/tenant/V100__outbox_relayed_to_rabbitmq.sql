-- The outbox is relayed to RabbitMQ (exchange bakery.deletion) by the event relay: each event gets a
-- message id consumers deduplicate on, and the relay's state (PENDING until the broker confirmed it,
-- SENT, or DEAD after bakery.events.max-attempts failures, listed and replayed by an operator).
-- xact_id is the writing transaction: the pull feed (GET /api/v1/tenants/events) serves only events
-- of transactions older than every one still running, in (xact_id, id) order, so a reader's cursor
-- never passes an event that commits later. Events written before this migration keep the
-- migration's transaction id, older than any later one.
alter table outbox_events
    add column message_id      uuid not null default gen_random_uuid(),
    add column xact_id         xid8 not null default pg_current_xact_id(),
    add column status          text not null default 'PENDING' check (status in ('PENDING', 'SENT', 'DEAD')),
    add column attempts        int not null default 0,
    add column next_attempt_at timestamptz not null default now(),
    add column sent_at         timestamptz,
    add column last_error      text;
alter table outbox_events add constraint outbox_events_message_id_key unique (message_id);
create index outbox_events_due_idx on outbox_events (id) where status = 'PENDING';
create index outbox_events_subject_pending_idx on outbox_events (aggregate_id, id) where status = 'PENDING';
create index outbox_events_sent_idx on outbox_events (sent_at) where status = 'SENT';
create index outbox_events_dead_idx on outbox_events (id) where status = 'DEAD';
create index outbox_events_feed_idx on outbox_events (xact_id, id);
