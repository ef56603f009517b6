-- A job keeps the plan it was created with. Plan 1 checked each service in two steps, VERIFY (the
-- plan's preview is 0) and then SCAN (the live catalog holds 0 rows of the subject); plan 2 does
-- both in the one VERIFY step, which halves the steps a job spends on checking. Jobs created before
-- this migration keep plan 1, so a job whose VERIFY steps ran without a scan still gets its SCAN steps.
alter table deletion_jobs add column plan_version smallint not null default 1
    check (plan_version in (1, 2));
alter table deletion_jobs alter column plan_version set default 2;
