-- A user's erasure finds the rows that name them through these indexes instead of scanning the
-- whole table once per chunk. Partial: rows that name nobody are never looked up by a user id.
create index sales_records_recorded_by_idx on sales_records (recorded_by) where recorded_by is not null;
