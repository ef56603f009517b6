-- A user's erasure finds the rows that name them through these indexes instead of scanning the
-- whole table once per chunk. Partial: rows that name nobody are never looked up by a user id.
create index recipes_created_by_idx on recipes (created_by) where created_by is not null;
