-- An account's deletion lifecycle: PENDING_DELETION within the grace window (locked out, can be
-- cancelled by logging in with cancel_deletion), DELETING once its erasure has started (for good).
alter table users drop constraint if exists users_status_check;
alter table users add constraint users_status_check
    check (status in ('ACTIVE', 'DISABLED', 'PENDING_DELETION', 'DELETING'));
alter table users add column deletion_scheduled_for timestamptz;
