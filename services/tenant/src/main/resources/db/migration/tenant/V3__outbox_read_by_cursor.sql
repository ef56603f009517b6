-- Consumers read the outbox through GET /api/v1/tenants/events with their own cursor (the event id),
-- so no relay marks events as published: the column and its index have no use.
drop index outbox_events_unpublished_idx;
alter table outbox_events drop column published_at;
