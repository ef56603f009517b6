-- The deletion orchestrator is a target of its own, with the schema `deletion`. Until now its job
-- store lived in the auth schema (auth migrations V100, V101). When this database still has those
-- tables, they move here with every row, index and constraint, and the next two migrations,
-- which create the same tables for a new database, find them already in place.
do $$
begin
    if to_regclass('auth.deletion_jobs') is not null then
        alter table auth.deletion_jobs set schema deletion;
        alter table auth.deletion_steps set schema deletion;
        alter table auth.deletion_step_attempts set schema deletion;
        if to_regclass('auth.deletion_job_owned_tenants') is not null then
            alter table auth.deletion_job_owned_tenants set schema deletion;
        end if;
    end if;
end $$;
