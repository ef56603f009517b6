-- A user's erasure finds the rows that name them through these indexes instead of scanning the
-- whole table once per chunk. Partial: rows that name nobody are never looked up by a user id.
create index production_schedules_created_by_idx on production_schedules (created_by) where created_by is not null;
create index production_batches_assigned_to_idx on production_batches (assigned_to) where assigned_to is not null;
create index production_batches_created_by_idx on production_batches (created_by) where created_by is not null;
create index quality_checks_checked_by_idx on quality_checks (checked_by) where checked_by is not null;
