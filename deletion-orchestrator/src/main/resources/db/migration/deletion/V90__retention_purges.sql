-- One signed certificate per purge of expired kept records (the services' retained_records whose
-- retain_until had passed): what it deleted per service and table, stored as the compact JWS that
-- was signed and never changed. It names services, tables, counts and dates, nothing personal.
create table retention_purges (
    id         uuid primary key,
    key_id     text        not null,
    issued_at  timestamptz not null,
    jws        text        not null
);

create trigger retention_purges_append_only before update or delete on retention_purges
    for each row execute function deletion_audit_entries_refuse_change();
