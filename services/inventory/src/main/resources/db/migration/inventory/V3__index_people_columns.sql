-- A user's erasure finds the rows that name them through these indexes instead of scanning the
-- whole table once per chunk. Partial: rows that name nobody are never looked up by a user id.
create index ingredients_created_by_idx on ingredients (created_by) where created_by is not null;
create index stock_movements_recorded_by_idx on stock_movements (recorded_by) where recorded_by is not null;
