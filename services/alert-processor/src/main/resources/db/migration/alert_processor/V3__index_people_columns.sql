-- A user's erasure finds the rows that name them through these indexes instead of scanning the
-- whole table once per chunk. Partial: rows that name nobody are never looked up by a user id.
create index alert_rules_created_by_idx on alert_rules (created_by) where created_by is not null;
create index alerts_acknowledged_by_idx on alerts (acknowledged_by) where acknowledged_by is not null;
create index alerts_resolved_by_idx on alerts (resolved_by) where resolved_by is not null;
create index alert_history_changed_by_idx on alert_history (changed_by) where changed_by is not null;
