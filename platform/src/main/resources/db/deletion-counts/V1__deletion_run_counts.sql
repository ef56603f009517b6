-- Applied to every service's schema by the platform (with a history table of its own, beside the
-- service's migrations). What each deletion run deleted and anonymised per table, written in the
-- same transaction as the rows it counts, so a run's counts are exact whatever happened to the
-- calls that made it (a call that died after committing some chunks left its counts here). A run
-- is one step of a deletion job (its id), the same for every attempt. Ids and counts only: no
-- tenant or user id, nothing personal.
create table deletion_run_counts (
    run_id     uuid        not null,
    table_name text        not null,
    deleted    bigint      not null default 0,
    anonymised bigint      not null default 0,
    updated_at timestamptz not null default now(),
    primary key (run_id, table_name)
);
