-- A user's erasure finds the rows that name them through these indexes instead of scanning the
-- whole table once per chunk. Partial: rows that name nobody are never looked up by a user id.
create index suppliers_created_by_idx on suppliers (created_by) where created_by is not null;
create index purchase_orders_created_by_idx on purchase_orders (created_by) where created_by is not null;
create index purchase_orders_approved_by_idx on purchase_orders (approved_by) where approved_by is not null;
create index deliveries_received_by_idx on deliveries (received_by) where received_by is not null;
