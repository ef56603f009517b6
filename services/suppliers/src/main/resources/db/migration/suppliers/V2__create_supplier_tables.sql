-- Suppliers, their price lists, purchase orders with items, and deliveries against those orders.
-- Ingredients are named by inventory id only: no foreign key crosses a service.
-- Every table leads an index with tenant_id; children reference parents with (tenant_id, id), so a
-- row can never point into another tenant, and that composite key is indexed for the FK checks.

create table suppliers (
    id             uuid        primary key,
    tenant_id      uuid        not null,
    name           text        not null check (length(name) between 1 and 200),
    contact_email  text        check (length(contact_email) <= 320),
    phone          text        check (length(phone) <= 40),
    lead_time_days integer     not null default 1 check (lead_time_days between 0 and 365),
    created_by     uuid,
    created_at     timestamptz not null default now(),
    unique (tenant_id, id),
    unique (tenant_id, name)
);
create index suppliers_tenant_created_idx on suppliers (tenant_id, created_at, id);

create table price_lists (
    id            uuid          primary key,
    tenant_id     uuid          not null,
    supplier_id   uuid          not null,
    ingredient_id uuid          not null,
    unit          text          not null check (unit in ('KG', 'G', 'L', 'ML', 'UNIT')),
    unit_price    numeric(12,4) not null check (unit_price >= 0),
    valid_from    date          not null,
    valid_to      date,
    created_at    timestamptz   not null default now(),
    check (valid_to is null or valid_to >= valid_from),
    foreign key (tenant_id, supplier_id) references suppliers (tenant_id, id)
);
create index price_lists_supplier_idx on price_lists (tenant_id, supplier_id, ingredient_id, valid_from);

create table purchase_orders (
    id           uuid          primary key,
    tenant_id    uuid          not null,
    supplier_id  uuid          not null,
    status       text          not null check (status in ('DRAFT', 'SENT', 'CONFIRMED', 'RECEIVED', 'CANCELLED')),
    expected_on  date          not null,
    total_amount numeric(14,2) not null check (total_amount >= 0),
    notes        text          check (length(notes) <= 2000),
    created_by   uuid,
    approved_by  uuid,
    created_at   timestamptz   not null default now(),
    unique (tenant_id, id),
    foreign key (tenant_id, supplier_id) references suppliers (tenant_id, id)
);
create index purchase_orders_supplier_idx on purchase_orders (tenant_id, supplier_id);
create index purchase_orders_tenant_created_idx on purchase_orders (tenant_id, created_at, id);

create table purchase_order_items (
    id                uuid          primary key,
    tenant_id         uuid          not null,
    purchase_order_id uuid          not null,
    ingredient_id     uuid          not null,
    quantity          numeric(14,3) not null check (quantity > 0),
    unit              text          not null check (unit in ('KG', 'G', 'L', 'ML', 'UNIT')),
    unit_price        numeric(12,4) not null check (unit_price >= 0),
    created_at        timestamptz   not null default now(),
    foreign key (tenant_id, purchase_order_id) references purchase_orders (tenant_id, id)
);
create index purchase_order_items_order_idx on purchase_order_items (tenant_id, purchase_order_id);

create table deliveries (
    id                uuid        primary key,
    tenant_id         uuid        not null,
    purchase_order_id uuid        not null,
    delivered_on      date        not null,
    status            text        not null check (status in ('COMPLETE', 'PARTIAL', 'REJECTED')),
    notes             text        check (length(notes) <= 2000),
    received_by       uuid,
    created_at        timestamptz not null default now(),
    foreign key (tenant_id, purchase_order_id) references purchase_orders (tenant_id, id)
);
create index deliveries_order_idx on deliveries (tenant_id, purchase_order_id);
