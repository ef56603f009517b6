-- A tenant's name, as the tenant service keeps it: the deletion preview answers it for a typed-back confirmation.
alter table tenants add column name text not null default 'Test bakery';
