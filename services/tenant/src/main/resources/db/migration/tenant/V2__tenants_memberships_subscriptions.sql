-- A tenant is one bakery business. Its owner is a user id; the column follows the platform's
-- naming rule for people columns (*_user_id) and is shown as owner_id in the API.
create table tenants (
    id            uuid        primary key,
    name          text        not null check (length(name) between 1 and 200),
    owner_user_id uuid        not null,
    status        text        not null check (status in ('ACTIVE', 'PENDING_DELETION', 'DELETING')),
    created_at    timestamptz not null
);
create index tenants_owner_user_id_idx on tenants (owner_user_id);

-- One membership per (tenant, user). joined_at: since when a member; role_since: since when in this role.
create table memberships (
    tenant_id  uuid        not null references tenants (id),
    user_id    uuid        not null,
    role       text        not null check (role in ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER')),
    joined_at  timestamptz not null,
    role_since timestamptz not null,
    primary key (tenant_id, user_id)
);
-- At most one OWNER per tenant; the code keeps it equal to tenants.owner_user_id.
create unique index memberships_one_owner_idx on memberships (tenant_id) where role = 'OWNER';
create index memberships_user_id_idx on memberships (user_id);

create table subscriptions (
    id           uuid        primary key,
    tenant_id    uuid        not null references tenants (id),
    plan         text        not null,
    status       text        not null check (status in ('ACTIVE', 'CANCELLED')),
    created_at   timestamptz not null,
    cancelled_at timestamptz
);
create index subscriptions_tenant_id_idx on subscriptions (tenant_id);

-- Audit record of each tenant deletion: who (a user id or service client id) and when, and what
-- was removed. It outlives the tenant and holds no name or other personal data of the bakery.
create table tenant_deletions (
    tenant_id               uuid        primary key,
    deleted_by              text        not null,
    actor_kind              text        not null,
    started_at              timestamptz not null,
    finished_at             timestamptz not null,
    subscriptions_cancelled integer     not null,
    subscriptions_deleted   integer     not null,
    memberships_deleted     integer     not null
);

-- Transactional outbox: events are written in the same transaction as the change they announce
-- and published afterwards (published_at set by the relay).
create table outbox_events (
    id           bigserial   primary key,
    event_type   text        not null,
    aggregate_id uuid        not null,
    payload      jsonb       not null,
    created_at   timestamptz not null,
    published_at timestamptz
);
create index outbox_events_unpublished_idx on outbox_events (id) where published_at is null;
