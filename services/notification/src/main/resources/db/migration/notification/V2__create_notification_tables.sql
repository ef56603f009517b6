-- Notifications sent to a tenant's members, the templates they are written from, and each
-- member's preferences per channel and category in that tenant. Every table leads an index with
-- tenant_id; a user's own rows (notifications to them, their preferences) are also indexed by the
-- user, so a user's erasure finds them without scanning.

create table notification_templates (
    id         uuid        primary key,
    tenant_id  uuid        not null,
    code       text        not null check (code ~ '^[A-Z][A-Z0-9_]{0,99}$'),
    channel    text        not null check (channel in ('EMAIL', 'SMS', 'PUSH', 'IN_APP')),
    subject    text        not null check (length(subject) between 1 and 200),
    body       text        not null check (length(body) between 1 and 4000),
    created_by uuid,
    created_at timestamptz not null default now(),
    unique (tenant_id, id),
    unique (tenant_id, code, channel)
);

-- recipient_user_id null means "every member of the tenant" (a broadcast).
create table notifications (
    id                uuid        primary key,
    tenant_id         uuid        not null,
    template_id       uuid,
    recipient_user_id uuid,
    channel           text        not null check (channel in ('EMAIL', 'SMS', 'PUSH', 'IN_APP')),
    category          text        not null check (category in ('ORDERS', 'INVENTORY', 'PRODUCTION', 'FORECASTS', 'ALERTS', 'ACCOUNT')),
    subject           text        not null check (length(subject) between 1 and 200),
    body              text        not null check (length(body) between 1 and 4000),
    status            text        not null check (status in ('PENDING', 'SENT', 'FAILED', 'READ')),
    sent_at           timestamptz,
    read_at           timestamptz,
    created_at        timestamptz not null default now(),
    foreign key (tenant_id, template_id) references notification_templates (tenant_id, id)
);
create index notifications_tenant_created_idx on notifications (tenant_id, created_at, id);
create index notifications_template_idx on notifications (tenant_id, template_id);
create index notifications_recipient_idx on notifications (recipient_user_id, tenant_id);

create table notification_preferences (
    id         uuid        primary key,
    tenant_id  uuid        not null,
    user_id    uuid        not null,
    channel    text        not null check (channel in ('EMAIL', 'SMS', 'PUSH', 'IN_APP')),
    category   text        not null check (category in ('ORDERS', 'INVENTORY', 'PRODUCTION', 'FORECASTS', 'ALERTS', 'ACCOUNT')),
    enabled    boolean     not null,
    created_at timestamptz not null default now(),
    unique (tenant_id, user_id, channel, category)
);
create index notification_preferences_user_idx on notification_preferences (user_id);
