-- A cancelled job's steps are CANCELLED with it: left PENDING (as restores left them before), they
-- stayed in the claimable index for ever, at the head of every claim's order, walked past by each.
alter table deletion_steps drop constraint if exists deletion_steps_status_check;
alter table deletion_steps add constraint deletion_steps_status_check
    check (status in ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'));
update deletion_steps s set status = 'CANCELLED', completed_at = j.completed_at, version = s.version + 1
    from deletion_jobs j
    where j.id = s.job_id and j.status = 'CANCELLED' and s.status in ('PENDING', 'RUNNING');

-- Steps whose worker stopped during their last allowed attempt are found by their expired lease
-- (every poll looks): an index over the held steps only, a handful whatever the table's size.
create index deletion_steps_leased on deletion_steps (lease_expires_at) where status = 'RUNNING';
