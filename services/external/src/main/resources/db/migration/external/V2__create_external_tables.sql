-- Data fetched from outside providers (weather, traffic, holidays, local events) cached per
-- tenant, and the tenant's use of those providers' API keys. Every table leads an index with
-- tenant_id. No column names a person: the data is fetched by the platform, not by users.

create table external_data_cache (
    id         uuid        primary key,
    tenant_id  uuid        not null,
    source     text        not null check (source in ('WEATHER', 'TRAFFIC', 'HOLIDAYS', 'EVENTS')),
    cache_key  text        not null check (length(cache_key) between 1 and 300),
    payload    jsonb       not null,
    fetched_at timestamptz not null,
    expires_at timestamptz not null,
    created_at timestamptz not null default now(),
    unique (tenant_id, source, cache_key),
    check (expires_at > fetched_at)
);
create index external_data_cache_tenant_fetched_idx on external_data_cache (tenant_id, fetched_at, id);
create index external_data_cache_expires_idx on external_data_cache (tenant_id, expires_at);

create table api_key_usage (
    id            uuid        primary key,
    tenant_id     uuid        not null,
    provider      text        not null check (length(provider) between 1 and 100),
    endpoint      text        not null check (length(endpoint) between 1 and 300),
    period_start  timestamptz not null,
    request_count integer     not null check (request_count >= 0),
    error_count   integer     not null default 0 check (error_count >= 0 and error_count <= request_count),
    created_at    timestamptz not null default now()
);
create index api_key_usage_tenant_period_idx on api_key_usage (tenant_id, period_start, provider);
