-- Applied to every service's schema by the platform. The write fence: once a deletion of a tenant
-- has begun in this service (its DELETE step), no write naming the tenant commits here, whatever
-- caches or processes the writer went through. The DELETE step writes the tenant's fence row under
-- an exclusive advisory lock on (schema, tenant); every statement that inserts or updates rows of a
-- tenant table takes that lock in share mode for each tenant it wrote, then looks for a fence, in
-- the writer's own transaction (the triggers WriteFence puts on every tenant table of the plan). So
-- a write either committed before the fence (the DELETE step that follows deletes it) or finds the
-- fence and fails with SQLSTATE BK409 (answered 409). Ids only: the fence row is the record that the
-- tenant's deletion began here, and holds nothing else.
create table deletion_write_fences (
    tenant_id uuid        primary key,
    fenced_at timestamptz not null default clock_timestamp()
);

create function deletion_write_fence() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock_shared(hashtext(tg_table_schema), hashtext(written.tenant_id::text))
        from (select distinct tenant_id from new_rows where tenant_id is not null order by tenant_id) written;
    if exists (select 1 from new_rows n join ${flyway:defaultSchema}.deletion_write_fences f on f.tenant_id = n.tenant_id) then
        raise exception 'the tenant is being deleted and accepts no writes (%.%)', tg_table_schema, tg_table_name
            using errcode = 'BK409';
    end if;
    return null;
end
$$;
