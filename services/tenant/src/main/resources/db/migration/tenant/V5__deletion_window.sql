-- A tenant whose deletion is scheduled (PENDING_DELETION) says when it will be deleted, so every
-- service can tell a member how long the owner has to restore it.
alter table tenants add column deletion_scheduled_for timestamptz;
