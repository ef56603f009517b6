-- A user's erasure finds the rows that name them through these indexes instead of scanning the
-- whole table once per chunk. Partial: rows that name nobody are never looked up by a user id.
create index customers_created_by_idx on customers (created_by) where created_by is not null;
create index customer_orders_created_by_idx on customer_orders (created_by) where created_by is not null;
create index order_status_history_changed_by_idx on order_status_history (changed_by) where changed_by is not null;
