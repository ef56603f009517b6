create table items (id bigserial primary key, tenant_id uuid not null, name text not null);
create index items_tenant on items (tenant_id);
