create table entries (id bigserial primary key, tenant_id uuid not null, amount_cents bigint not null);
create index entries_tenant on entries (tenant_id);
