-- FAILED jobs by the time they failed: every worker looks, every poll interval, for jobs FAILED
-- for longer than bakery.orchestrator.failed-job-retry-interval to retry them, and the gauges
-- bakery.deletion.jobs.failed(.oldest.age) count them. FAILED jobs are few, so the index is small.
create index if not exists deletion_jobs_failed_by_completion on deletion_jobs (completed_at) where status = 'FAILED';

-- A FAILED job always records when it failed; one adopted from before without that time counts
-- from when it last started (or was created), so it is retried too rather than never.
update deletion_jobs set completed_at = coalesce(started_at, created_at) where status = 'FAILED' and completed_at is null;
