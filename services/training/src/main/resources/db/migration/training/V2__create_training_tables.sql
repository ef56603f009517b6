-- Model training: jobs a member requests, the models a successful job produced, and each job's
-- log. Every table leads an index with tenant_id; children reference their job with
-- (tenant_id, id), so a row can never point into another tenant, and that key is indexed.

create table training_jobs (
    id            uuid        primary key,
    tenant_id     uuid        not null,
    product_id    uuid,
    algorithm     text        not null check (algorithm in ('PROPHET', 'ARIMA', 'XGBOOST')),
    status        text        not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    requested_by  uuid,
    started_at    timestamptz,
    finished_at   timestamptz,
    error_message text        check (length(error_message) <= 2000),
    created_at    timestamptz not null default now(),
    unique (tenant_id, id),
    check (finished_at is null or started_at is null or finished_at >= started_at)
);
create index training_jobs_tenant_created_idx on training_jobs (tenant_id, created_at, id);

create table trained_models (
    id           uuid          primary key,
    tenant_id    uuid          not null,
    job_id       uuid          not null,
    product_id   uuid,
    algorithm    text          not null check (algorithm in ('PROPHET', 'ARIMA', 'XGBOOST')),
    version      integer       not null check (version >= 1),
    artifact_uri text          not null check (length(artifact_uri) between 1 and 500),
    mape         numeric(8,4)  check (mape >= 0),
    active       boolean       not null default false,
    created_at   timestamptz   not null default now(),
    foreign key (tenant_id, job_id) references training_jobs (tenant_id, id)
);
create index trained_models_job_idx on trained_models (tenant_id, job_id);
create index trained_models_tenant_product_idx on trained_models (tenant_id, product_id, version);

create table training_logs (
    id         uuid        primary key,
    tenant_id  uuid        not null,
    job_id     uuid        not null,
    level      text        not null check (level in ('DEBUG', 'INFO', 'WARN', 'ERROR')),
    message    text        not null check (length(message) between 1 and 4000),
    logged_at  timestamptz not null,
    created_at timestamptz not null default now(),
    foreign key (tenant_id, job_id) references training_jobs (tenant_id, id)
);
create index training_logs_job_idx on training_logs (tenant_id, job_id, logged_at);
