-- A user's erasure finds the rows that name them through these indexes instead of scanning the
-- whole table once per chunk. Partial: rows that name nobody are never looked up by a user id.
create index pos_configurations_created_by_idx on pos_configurations (created_by) where created_by is not null;
create index pos_sessions_opened_by_idx on pos_sessions (opened_by) where opened_by is not null;
create index pos_sessions_closed_by_idx on pos_sessions (closed_by) where closed_by is not null;
create index pos_transactions_created_by_idx on pos_transactions (created_by) where created_by is not null;
