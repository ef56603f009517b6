-- Demand forecasts, the prediction batches that produced them, and how well each model did.
-- Every table leads an index with tenant_id; forecasts reference their batch with (tenant_id, id),
-- so a forecast can never point into another tenant, and that key is indexed for the FK checks.

create table prediction_batches (
    id           uuid        primary key,
    tenant_id    uuid        not null,
    status       text        not null check (status in ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED')),
    horizon_days integer     not null check (horizon_days between 1 and 365),
    requested_by uuid,
    started_at   timestamptz,
    completed_at timestamptz,
    created_at   timestamptz not null default now(),
    unique (tenant_id, id),
    check (completed_at is null or started_at is null or completed_at >= started_at)
);
create index prediction_batches_tenant_created_idx on prediction_batches (tenant_id, created_at, id);

create table forecasts (
    id                 uuid          primary key,
    tenant_id          uuid          not null,
    batch_id           uuid          not null,
    product_id         uuid          not null,
    forecast_date      date          not null,
    predicted_quantity numeric(12,2) not null check (predicted_quantity >= 0),
    lower_bound        numeric(12,2) not null check (lower_bound >= 0),
    upper_bound        numeric(12,2) not null,
    model_version      text          not null check (length(model_version) between 1 and 100),
    created_at         timestamptz   not null default now(),
    foreign key (tenant_id, batch_id) references prediction_batches (tenant_id, id),
    check (lower_bound <= predicted_quantity and predicted_quantity <= upper_bound)
);
create index forecasts_batch_idx on forecasts (tenant_id, batch_id);
create index forecasts_tenant_date_idx on forecasts (tenant_id, forecast_date, product_id);

create table model_performance_metrics (
    id            uuid          primary key,
    tenant_id     uuid          not null,
    product_id    uuid          not null,
    model_version text          not null check (length(model_version) between 1 and 100),
    metric        text          not null check (metric in ('MAPE', 'MAE', 'RMSE')),
    value         numeric(14,4) not null check (value >= 0),
    evaluated_on  date          not null,
    created_at    timestamptz   not null default now()
);
create index model_performance_metrics_tenant_product_idx
    on model_performance_metrics (tenant_id, product_id, evaluated_on);
