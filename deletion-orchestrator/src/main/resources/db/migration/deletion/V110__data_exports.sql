-- Exports (GDPR Art. 15 and 20): a tenant's or a person's data as one signed ZIP. An export is a
-- durable job like a deletion step: claimed with a lease (lease_owner, lease_expires_at, fenced by
-- version) by the database's clock, so a crashed worker's export is taken over by another; each
-- table it has written is recorded in data_export_parts, so the takeover writes only what is left.
create table data_exports (
    id               uuid primary key,
    kind             text        not null check (kind in ('TENANT', 'USER')),
    subject_id       uuid        not null,
    status           text        not null check (status in ('QUEUED', 'RUNNING', 'READY', 'EXPIRED', 'FAILED')),
    -- who asked: a user id, or a service's client id
    requested_by     text        not null,
    -- the services asked for rows, fixed when the export is created
    participants     text[]      not null,
    created_at       timestamptz not null default now(),
    started_at       timestamptz,
    completed_at     timestamptz,
    expires_at       timestamptz,
    attempts         integer     not null default 0,
    attempt_limit    integer     not null,
    lease_owner      text,
    lease_expires_at timestamptz,
    version          bigint      not null default 0,
    tables_total     integer,
    tables_done      integer     not null default 0,
    rows_written     bigint      not null default 0,
    -- the archive's file name in the export directory, once READY
    file_name        text,
    file_bytes       bigint,
    archive_sha256   text,
    error            text
);

-- What a worker claims: queued exports, and running ones whose lease ran out.
create index data_exports_due on data_exports (created_at) where status in ('QUEUED', 'RUNNING');
create index data_exports_by_subject on data_exports (subject_id, created_at desc);

-- One row per table written into an export's work directory: its two files' rows and SHA-256.
create table data_export_parts (
    export_id     uuid   not null references data_exports (id) on delete cascade,
    service       text   not null,
    table_name    text   not null,
    position      integer not null,
    columns       text[] not null,
    rows          bigint not null,
    ndjson_bytes  bigint not null,
    ndjson_sha256 text   not null,
    csv_bytes     bigint not null,
    csv_sha256    text   not null,
    -- the lease version of the attempt that wrote the files (their names carry it)
    written_by_version bigint not null,
    primary key (export_id, service, table_name)
);
