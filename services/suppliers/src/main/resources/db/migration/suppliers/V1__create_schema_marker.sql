-- First migration of the suppliers service: proves the schema exists and is migrated.
-- Real tables arrive in later migrations.
create table schema_marker (
    id         bigserial   primary key,
    note       text        not null,
    created_at timestamptz not null default now()
);
