-- The database itself keeps the invariant the code relies on: a tenant has exactly one OWNER
-- membership, and it is the tenants.owner_user_id. Checked at commit (deferred), so a transfer of
-- ownership may change the rows in any order within its transaction.
create function tenant_owner_is_consistent() returns trigger
    language plpgsql
    set search_path from current
as $$
declare
    checked_tenant uuid;
    owner uuid;
begin
    if tg_table_name = 'tenants' then
        if tg_op = 'DELETE' then checked_tenant := old.id; else checked_tenant := new.id; end if;
    else
        if tg_op = 'DELETE' then checked_tenant := old.tenant_id; else checked_tenant := new.tenant_id; end if;
    end if;
    select owner_user_id into owner from tenants where id = checked_tenant;
    if not found then
        return null;
    end if;
    if (select count(*) from memberships where tenant_id = checked_tenant and role = 'OWNER') <> 1
            or not exists (select 1 from memberships
                           where tenant_id = checked_tenant and role = 'OWNER' and user_id = owner) then
        raise exception 'Tenant % must have exactly one OWNER membership, that of its owner %', checked_tenant, owner
            using errcode = 'check_violation';
    end if;
    return null;
end
$$;

create constraint trigger tenants_owner_is_consistent
    after insert or update on tenants
    deferrable initially deferred
    for each row execute function tenant_owner_is_consistent();

create constraint trigger memberships_owner_is_consistent
    after insert or update or delete on memberships
    deferrable initially deferred
    for each row execute function tenant_owner_is_consistent();
