-- Point-of-sale data: till configurations, cashier sessions, the transactions rung up in a session
-- and their line items. Every table leads an index with tenant_id; children reference parents with
-- (tenant_id, id), so a row can never point into another tenant, and that key is indexed for the
-- foreign-key checks a chunked delete of parents runs.

create table pos_configurations (
    id            uuid        primary key,
    tenant_id     uuid        not null,
    name          text        not null check (length(name) between 1 and 200),
    provider      text        not null check (provider in ('SQUARE', 'TOAST', 'LIGHTSPEED', 'GENERIC')),
    location_name text        check (length(location_name) <= 200),
    active        boolean     not null default true,
    created_by    uuid,
    created_at    timestamptz not null default now(),
    unique (tenant_id, id)
);
create index pos_configurations_tenant_created_idx on pos_configurations (tenant_id, created_at, id);

create table pos_sessions (
    id               uuid          primary key,
    tenant_id        uuid          not null,
    configuration_id uuid          not null,
    status           text          not null check (status in ('OPEN', 'CLOSED')),
    opening_cash     numeric(12,2) not null check (opening_cash >= 0),
    closing_cash     numeric(12,2) check (closing_cash >= 0),
    opened_by        uuid,
    closed_by        uuid,
    opened_at        timestamptz   not null,
    closed_at        timestamptz,
    created_at       timestamptz   not null default now(),
    unique (tenant_id, id),
    foreign key (tenant_id, configuration_id) references pos_configurations (tenant_id, id),
    check (closed_at is null or closed_at >= opened_at)
);
create index pos_sessions_configuration_idx on pos_sessions (tenant_id, configuration_id);
create index pos_sessions_tenant_opened_idx on pos_sessions (tenant_id, opened_at, id);

create table pos_transactions (
    id               uuid          primary key,
    tenant_id        uuid          not null,
    session_id       uuid          not null,
    transaction_type text          not null check (transaction_type in ('SALE', 'REFUND', 'VOID')),
    payment_method   text          not null check (payment_method in ('CASH', 'CARD', 'MOBILE', 'OTHER')),
    total_amount     numeric(14,2) not null check (total_amount >= 0),
    tax_amount       numeric(14,2) not null check (tax_amount >= 0),
    occurred_at      timestamptz   not null,
    created_by       uuid,
    created_at       timestamptz   not null default now(),
    unique (tenant_id, id),
    foreign key (tenant_id, session_id) references pos_sessions (tenant_id, id)
);
create index pos_transactions_session_idx on pos_transactions (tenant_id, session_id);
create index pos_transactions_tenant_occurred_idx on pos_transactions (tenant_id, occurred_at, id);

create table pos_transaction_items (
    id             uuid          primary key,
    tenant_id      uuid          not null,
    transaction_id uuid          not null,
    product_id     uuid,
    product_name   text          not null check (length(product_name) between 1 and 200),
    quantity       integer       not null check (quantity > 0),
    unit_price     numeric(12,2) not null check (unit_price >= 0),
    created_at     timestamptz   not null default now(),
    foreign key (tenant_id, transaction_id) references pos_transactions (tenant_id, id)
);
create index pos_transaction_items_transaction_idx on pos_transaction_items (tenant_id, transaction_id);
