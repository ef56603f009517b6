-- User deletion jobs (issue 6). A user job starts with a PREPARE step (owned tenants handed over
-- or deleted, then memberships removed) before the DELETE phase, so the DELETE participants are
-- kept on the job until PREPARE has succeeded. Ids only: no names, no e-mail addresses.
alter table deletion_steps drop constraint deletion_steps_phase_check;
alter table deletion_steps add constraint deletion_steps_phase_check
    check (phase in ('PREPARE', 'DELETE', 'VERIFY', 'FINAL'));

alter table deletion_jobs add column participants text[];

-- What the user job does with each tenant the user owned when it was created: TRANSFER to
-- new_owner_user_id, or DELETE through a tenant job (tenant_job_id once started).
create table deletion_job_owned_tenants (
    job_id            uuid not null references deletion_jobs (id) on delete cascade,
    tenant_id         uuid not null,
    action            text not null check (action in ('TRANSFER', 'DELETE')),
    new_owner_user_id uuid,
    tenant_job_id     uuid,
    done_at           timestamptz,
    primary key (job_id, tenant_id),
    check ((action = 'TRANSFER') = (new_owner_user_id is not null))
);
