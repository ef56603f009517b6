-- The orchestrator's transactional outbox of deletion events (tenant deletion scheduled, restored,
-- started, completed; a person's erasure scheduled, cancelled, started, completed), written in the
-- transaction of the action with its audit entry, and published to RabbitMQ by the event relay.
-- PENDING until the broker confirmed it (SENT, pruned after bakery.events.delivered-retention) or it
-- failed bakery.events.max-attempts times (DEAD, listed and replayed by an operator).
-- xact_id: the writing transaction, so a pull reader can serve only what no running transaction
-- can still add before (see the tenant service's feed).
create table outbox_events (
    id              bigserial primary key,
    message_id      uuid not null unique,
    event_type      text not null,
    aggregate_id    uuid not null,
    payload         jsonb not null,
    created_at      timestamptz not null,
    xact_id         xid8 not null default pg_current_xact_id(),
    status          text not null default 'PENDING' check (status in ('PENDING', 'SENT', 'DEAD')),
    attempts        int not null default 0,
    next_attempt_at timestamptz not null default now(),
    sent_at         timestamptz,
    last_error      text
);
-- The relay's claim: due PENDING events oldest first, and whether a subject has an earlier one.
create index outbox_events_due_idx on outbox_events (id) where status = 'PENDING';
create index outbox_events_subject_pending_idx on outbox_events (aggregate_id, id) where status = 'PENDING';
create index outbox_events_sent_idx on outbox_events (sent_at) where status = 'SENT';
create index outbox_events_dead_idx on outbox_events (id) where status = 'DEAD';
