-- Every job keeps the data services it runs in (tenant jobs too, not only user jobs), so the next
-- phase of a job is decided from the job itself, whatever the configuration of the process that
-- advances it. Jobs from before take the services of their DELETE steps.
update deletion_jobs j set participants = coalesce((select array_agg(s.service order by s.service)
        from deletion_steps s where s.job_id = j.id and s.phase = 'DELETE'), '{}')
    where participants is null;
alter table deletion_jobs alter column participants set default '{}';
alter table deletion_jobs alter column participants set not null;
