create table bakes (id bigserial primary key, tenant_id uuid not null, product text not null);
create table bake_checks (id bigserial primary key, bake_id bigint not null references bakes (id), tenant_id uuid not null, passed boolean not null);
create index bakes_tenant on bakes (tenant_id);
create index bake_checks_tenant on bake_checks (tenant_id);
