-- The last full verification of the audit chain that found it valid: up to which entry, and that
-- entry's hash then. Looking at a certificate's audit_head re-hashes only the entries after it
-- (and everything again when that entry's hash has changed since), so a console page view costs
-- the entries appended since the last check, not the whole history. One row at most.
create table deletion_audit_checkpoint (
    only_row   boolean primary key default true check (only_row),
    seq        bigint      not null check (seq > 0),
    hash       text        not null check (hash ~ '^[0-9a-f]{64}$'),
    checked_at timestamptz not null
);
