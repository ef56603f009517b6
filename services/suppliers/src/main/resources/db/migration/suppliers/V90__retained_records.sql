-- The records the law keeps after a tenant's deletion (the platform's retention catalogue, per the
-- tenant's country), moved here out of the bakery's reach by the deletion engine: one row per kept
-- record with only the columns the catalogue keeps (a person's id there is the tombstone), its
-- legal basis and retain_until, the last day it must be kept (the end of the calendar year of its
-- own date plus the period). Only the platform's RECORDS_OFFICER reads it, one read at a time with
-- a reason; the purge deletes a row after its retain_until.
create table retained_records (
    id                bigserial   primary key,
    tenant_id         uuid        not null,
    source_table      text        not null,
    record_id         uuid        not null,
    record_kind       text        not null,
    record            jsonb       not null,
    country           text        not null check (country ~ '^[A-Z]{2}$'),
    basis             text        not null,
    catalogue_version text        not null,
    record_date       date        not null,
    retain_until      date        not null,
    retained_at       timestamptz not null,
    unique (source_table, record_id)
);
create index retained_records_tenant_idx on retained_records (tenant_id, source_table, id);
create index retained_records_retain_until_idx on retained_records (retain_until, id);
