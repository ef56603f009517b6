-- The deletion orchestrator's job store as it was in the auth schema before it became a target of its own (a copy, for the test that upgrades such a database).
-- The deletion orchestrator's job store. It holds ids, counts, times and errors only: no names,
-- no e-mail addresses, nothing that outlives a person's erasure except their id (initiated_by,
-- which the auth service's deletion plan anonymises like any other people column).

create table deletion_jobs (
    id                     uuid primary key,
    kind                   text        not null check (kind in ('TENANT', 'USER')),
    subject_id             uuid        not null,
    status                 text        not null check (status in ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED')),
    -- The user who asked, when a user asked; a service's client id otherwise.
    initiated_by           uuid,
    initiating_service     text,
    created_at             timestamptz not null,
    started_at             timestamptz,
    completed_at           timestamptz,
    total_items_deleted    bigint      not null default 0,
    total_items_anonymised bigint      not null default 0,
    error_summary          text
);

-- At most one unfinished job per subject: two concurrent requests get the same job. A FAILED job
-- is unfinished too (the subject is half-deleted and must be retried, not forgotten).
create unique index deletion_jobs_one_unfinished_per_subject
    on deletion_jobs (kind, subject_id) where status <> 'COMPLETED';
create index deletion_jobs_by_subject on deletion_jobs (subject_id, created_at desc);
create index deletion_jobs_by_status on deletion_jobs (status, created_at desc);

create table deletion_steps (
    id               uuid primary key,
    job_id           uuid        not null references deletion_jobs (id) on delete cascade,
    service          text        not null,
    phase            text        not null check (phase in ('DELETE', 'VERIFY', 'FINAL')),
    status           text        not null check (status in ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    attempts         int         not null default 0,
    -- Attempts allowed before the step fails for good; a retry of the job raises it.
    attempt_limit    int         not null,
    next_attempt_at  timestamptz not null,
    -- The lease: who runs the step and until when; the owner's heartbeat extends it. A RUNNING
    -- step whose lease has expired is claimed again. version fences every write of a lease holder.
    lease_owner      text,
    lease_expires_at timestamptz,
    heartbeat_at     timestamptz,
    version          bigint      not null default 0,
    counts           jsonb       not null default '{}',
    items_deleted    bigint      not null default 0,
    items_anonymised bigint      not null default 0,
    last_error       text,
    started_at       timestamptz,
    completed_at     timestamptz,
    unique (job_id, service, phase)
);

create index deletion_steps_claimable on deletion_steps (next_attempt_at) where status in ('PENDING', 'RUNNING');

create table deletion_step_attempts (
    step_id     uuid        not null references deletion_steps (id) on delete cascade,
    attempt     int         not null,
    worker      text        not null,
    started_at  timestamptz not null,
    duration_ms bigint,
    -- null while the attempt runs; ABANDONED when its worker died and the lease expired
    outcome     text check (outcome in ('SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABANDONED')),
    error       text,
    primary key (step_id, attempt)
);
