-- The deletion audit trail: one append-only, hash-chained table of every deletion-related action
-- (requested, scheduled, started, restored or cancelled, each step attempt's outcome, retried,
-- verified, scanned, failed, completed, certificate issued). Ids, kinds, counts and times only.
--
-- Each entry's hash is the SHA-256 of the previous entry's hash and the entry's own canonical
-- content (DeletionAudit says exactly what is hashed), so rewriting or removing an entry breaks
-- the chain from there on. seq runs 1, 2, 3 ... without gaps: appends are serialised by a
-- transaction-level advisory lock, also across processes sharing this database.
create table deletion_audit_entries (
    seq           bigint primary key check (seq > 0),
    recorded_at   timestamptz not null,
    action        text        not null,
    job_id        uuid,
    kind          text check (kind in ('TENANT', 'USER')),
    subject_id    uuid,
    -- who: user:<id>, service:<client id>, or system:<what> (the orchestrator by itself)
    actor         text        not null,
    details       jsonb       not null default '{}',
    previous_hash text        not null check (previous_hash ~ '^[0-9a-f]{64}$'),
    hash          text        not null unique check (hash ~ '^[0-9a-f]{64}$')
);

create index deletion_audit_entries_by_job on deletion_audit_entries (job_id, seq);
create index deletion_audit_entries_by_subject on deletion_audit_entries (subject_id, seq);

-- Append-only, in the database: no update, delete or truncate gets through, whoever asks (short of
-- a superuser disabling the trigger, which the chain then exposes).
create function deletion_audit_entries_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % refused', tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
end $$;

create trigger deletion_audit_entries_append_only before update or delete on deletion_audit_entries
    for each row execute function deletion_audit_entries_refuse_change();
create trigger deletion_audit_entries_no_truncate before truncate on deletion_audit_entries
    for each statement execute function deletion_audit_entries_refuse_change();
