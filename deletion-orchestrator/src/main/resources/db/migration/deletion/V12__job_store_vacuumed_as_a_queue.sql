-- The job store is a queue: every step is inserted, claimed, completed (three versions, none of
-- them a HOT update, since status and next_attempt_at are indexed), and a job's row changes with
-- its phases. Under the default thresholds (20 % of a table dead) autovacuum and autoanalyze come
-- late on a table that grows by every job ever run, and until they do, claims walk the dead
-- versions that bitmap index scans cannot mark dead: in the benchmark, ten rounds of 100 small
-- tenants back to back with no vacuum of the job store took a claim from 5 ms to 39 ms on average
-- and a round from 2.3 s to 5 s or more. A fixed threshold instead of a share of the table keeps
-- them as cheap as on the first day, however many jobs the table holds; vacuum reads only the
-- pages changed since the last one. How often autovacuum looks is the server's setting
-- (autovacuum_naptime; the embedded database sets 10 s).
alter table deletion_steps set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
    autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 5000);
alter table deletion_jobs set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
    autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 1000);
alter table deletion_step_attempts set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
    autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 5000);
