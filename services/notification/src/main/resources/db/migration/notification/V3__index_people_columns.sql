-- A user's erasure finds the rows that name them through these indexes instead of scanning the
-- whole table once per chunk. Partial: rows that name nobody are never looked up by a user id.
-- (notifications.recipient_user_id and notification_preferences.user_id are indexed since V2.)
create index notification_templates_created_by_idx on notification_templates (created_by) where created_by is not null;
