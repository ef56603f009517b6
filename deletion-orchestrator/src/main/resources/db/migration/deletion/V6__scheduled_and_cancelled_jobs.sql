-- A deletion can wait out a grace window: the job is SCHEDULED until scheduled_for, and a restore
-- within the window makes it CANCELLED. A cancelled job is finished like a completed one, so the
-- subject may get a new job later; one unfinished job per subject still holds.
alter table deletion_jobs drop constraint if exists deletion_jobs_status_check;
alter table deletion_jobs add constraint deletion_jobs_status_check
    check (status in ('SCHEDULED', 'PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'));
alter table deletion_jobs add column scheduled_for timestamptz;

drop index if exists deletion_jobs_one_unfinished_per_subject;
create unique index deletion_jobs_one_unfinished_per_subject
    on deletion_jobs (kind, subject_id) where status not in ('COMPLETED', 'CANCELLED');
create index deletion_jobs_scheduled on deletion_jobs (scheduled_for) where status = 'SCHEDULED';
