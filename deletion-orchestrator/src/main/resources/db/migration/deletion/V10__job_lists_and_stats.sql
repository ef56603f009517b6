-- The jobs list (GET /api/v1/deletion-jobs) reads newest first, created_at then id, so a page
-- boundary never splits jobs created at the same instant: without a subject or status filter, or
-- with only kind or a time range, this index gives the order without sorting the whole table.
-- (A subject or status filter keeps using deletion_jobs_by_subject and deletion_jobs_by_status.)
create index deletion_jobs_newest_first on deletion_jobs (created_at desc, id desc);

-- The stats (GET /api/v1/deletion-jobs/stats) sum the rows of the steps that succeeded in the last
-- hour: the steps table grows by dozens of rows a job, this reads only the last hour's.
create index deletion_steps_succeeded_by_completion on deletion_steps (completed_at) include (items_deleted)
    where status = 'SUCCEEDED';
