-- The standing an account had when its deletion was scheduled (ACTIVE or DISABLED), kept while it
-- is PENDING_DELETION: cancelling the deletion (a restore) returns the account to it, so a DISABLED
-- account whose deletion is scheduled and then cancelled is DISABLED again, not ACTIVE, and its
-- person cannot cancel it by logging in. Null while no deletion is scheduled. Accounts pending
-- deletion when this runs have no record of it and return to ACTIVE, as they did before.
alter table users add column status_before_deletion text
    check (status_before_deletion in ('ACTIVE', 'DISABLED'));
