-- The columns of the job store that name a person are looked up by the user's id when the user's
-- own job completes (the orchestrator replaces them with the tombstone); an index leading with
-- each makes that a lookup, whatever the number of jobs (the coverage guard requires one).
-- Partial: a job started by a service or by the system names nobody there.
create index deletion_jobs_initiated_by_idx on deletion_jobs (initiated_by) where initiated_by is not null;
create index deletion_job_owned_tenants_new_owner_idx on deletion_job_owned_tenants (new_owner_user_id)
    where new_owner_user_id is not null;
