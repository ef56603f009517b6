-- A user's erasure and the catalog scan after it look up each column that can name a person by
-- the user's id; an index leading with each makes that a lookup, whatever the number of rows (the
-- coverage guard requires one). deleted_by holds a user id or a service client id, as text.
create index tenant_deletions_deleted_by_idx on tenant_deletions (deleted_by);
-- Events name the user who deleted a tenant in payload.deleted_by: found by containment
-- (payload @> '{"deleted_by": "<id>"}'), which a jsonb_path_ops GIN index serves.
create index outbox_events_payload_idx on outbox_events using gin (payload jsonb_path_ops);
