-- Customers, their orders with line items, and each order's status changes.
-- Every table leads an index with tenant_id; children reference parents with (tenant_id, id), so a
-- row can never point into another tenant, and that composite key is indexed for the FK checks.

create table customers (
    id            uuid        primary key,
    tenant_id     uuid        not null,
    name          text        not null check (length(name) between 1 and 200),
    email         text        check (length(email) <= 320),
    phone         text        check (length(phone) <= 40),
    customer_type text        not null default 'INDIVIDUAL' check (customer_type in ('INDIVIDUAL', 'BUSINESS')),
    created_by    uuid,
    created_at    timestamptz not null default now(),
    unique (tenant_id, id)
);
create index customers_tenant_created_idx on customers (tenant_id, created_at, id);

create table customer_orders (
    id            uuid          primary key,
    tenant_id     uuid          not null,
    customer_id   uuid          not null,
    status        text          not null check (status in
                      ('PENDING', 'CONFIRMED', 'IN_PRODUCTION', 'READY', 'DELIVERED', 'CANCELLED')),
    delivery_date date          not null,
    total_amount  numeric(14,2) not null check (total_amount >= 0),
    notes         text          check (length(notes) <= 2000),
    created_by    uuid,
    created_at    timestamptz   not null default now(),
    unique (tenant_id, id),
    foreign key (tenant_id, customer_id) references customers (tenant_id, id)
);
create index customer_orders_customer_idx on customer_orders (tenant_id, customer_id);
create index customer_orders_tenant_created_idx on customer_orders (tenant_id, created_at, id);

create table order_items (
    id           uuid          primary key,
    tenant_id    uuid          not null,
    order_id     uuid          not null,
    product_id   uuid,
    product_name text          not null check (length(product_name) between 1 and 200),
    quantity     integer       not null check (quantity > 0),
    unit_price   numeric(12,2) not null check (unit_price >= 0),
    created_at   timestamptz   not null default now(),
    foreign key (tenant_id, order_id) references customer_orders (tenant_id, id)
);
create index order_items_order_idx on order_items (tenant_id, order_id);

create table order_status_history (
    id          uuid        primary key,
    tenant_id   uuid        not null,
    order_id    uuid        not null,
    from_status text,
    to_status   text        not null,
    changed_by  uuid,
    changed_at  timestamptz not null default now(),
    created_at  timestamptz not null default now(),
    foreign key (tenant_id, order_id) references customer_orders (tenant_id, id)
);
create index order_status_history_order_idx on order_status_history (tenant_id, order_id, changed_at);
