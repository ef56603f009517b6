-- Alerting: the tenant's rules, the alerts they raised, and each alert's status changes. Every
-- table leads an index with tenant_id; children reference parents with (tenant_id, id), so a row
-- can never point into another tenant, and that key is indexed for the FK checks.

create table alert_rules (
    id         uuid          primary key,
    tenant_id  uuid          not null,
    name       text          not null check (length(name) between 1 and 200),
    metric     text          not null check (metric ~ '^[a-z][a-z0-9_.]{0,99}$'),
    operator   text          not null check (operator in ('GT', 'GTE', 'LT', 'LTE', 'EQ')),
    threshold  numeric(14,4) not null,
    severity   text          not null check (severity in ('INFO', 'WARNING', 'CRITICAL')),
    enabled    boolean       not null default true,
    created_by uuid,
    created_at timestamptz   not null default now(),
    unique (tenant_id, id)
);
create index alert_rules_tenant_created_idx on alert_rules (tenant_id, created_at, id);

create table alerts (
    id              uuid        primary key,
    tenant_id       uuid        not null,
    rule_id         uuid,
    severity        text        not null check (severity in ('INFO', 'WARNING', 'CRITICAL')),
    title           text        not null check (length(title) between 1 and 200),
    message         text        check (length(message) <= 4000),
    status          text        not null check (status in ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
    raised_at       timestamptz not null,
    acknowledged_by uuid,
    acknowledged_at timestamptz,
    resolved_by     uuid,
    resolved_at     timestamptz,
    created_at      timestamptz not null default now(),
    unique (tenant_id, id),
    foreign key (tenant_id, rule_id) references alert_rules (tenant_id, id)
);
create index alerts_rule_idx on alerts (tenant_id, rule_id);
create index alerts_tenant_raised_idx on alerts (tenant_id, raised_at, id);

create table alert_history (
    id          uuid        primary key,
    tenant_id   uuid        not null,
    alert_id    uuid        not null,
    from_status text,
    to_status   text        not null check (to_status in ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
    changed_by  uuid,
    changed_at  timestamptz not null,
    note        text        check (length(note) <= 2000),
    created_at  timestamptz not null default now(),
    foreign key (tenant_id, alert_id) references alerts (tenant_id, id)
);
create index alert_history_alert_idx on alert_history (tenant_id, alert_id, changed_at);
