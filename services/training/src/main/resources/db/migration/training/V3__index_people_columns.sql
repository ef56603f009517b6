-- A user's erasure finds the rows that name them through these indexes instead of scanning the
-- whole table once per chunk. Partial: rows that name nobody are never looked up by a user id.
create index training_jobs_requested_by_idx on training_jobs (requested_by) where requested_by is not null;
