-- Ingredients, the batches in which they arrive, and every movement of stock in or out.
-- Every table leads an index with tenant_id; children reference parents with (tenant_id, id), so a
-- row can never point into another tenant, and that composite key is indexed for the FK checks.

create table ingredients (
    id            uuid          primary key,
    tenant_id     uuid          not null,
    name          text          not null check (length(name) between 1 and 200),
    category      text          not null check (category in
                      ('FLOUR', 'DAIRY', 'EGGS', 'SUGAR', 'FAT', 'YEAST', 'FRUIT', 'NUTS', 'CHOCOLATE', 'SPICE', 'PACKAGING', 'OTHER')),
    unit          text          not null check (unit in ('KG', 'G', 'L', 'ML', 'UNIT')),
    reorder_level numeric(14,3) not null default 0 check (reorder_level >= 0),
    created_by    uuid,
    created_at    timestamptz   not null default now(),
    unique (tenant_id, id),
    unique (tenant_id, name)
);
create index ingredients_tenant_created_idx on ingredients (tenant_id, created_at, id);

create table stock_batches (
    id            uuid          primary key,
    tenant_id     uuid          not null,
    ingredient_id uuid          not null,
    batch_code    text          not null check (length(batch_code) between 1 and 100),
    quantity      numeric(14,3) not null check (quantity >= 0),
    supplier_id   uuid,
    received_on   date          not null,
    expires_on    date,
    created_at    timestamptz   not null default now(),
    unique (tenant_id, id),
    check (expires_on is null or expires_on >= received_on),
    foreign key (tenant_id, ingredient_id) references ingredients (tenant_id, id)
);
create index stock_batches_ingredient_idx on stock_batches (tenant_id, ingredient_id);
create index stock_batches_tenant_created_idx on stock_batches (tenant_id, created_at, id);

create table stock_movements (
    id            uuid          primary key,
    tenant_id     uuid          not null,
    ingredient_id uuid          not null,
    batch_id      uuid,
    movement_type text          not null check (movement_type in ('RECEIPT', 'CONSUMPTION', 'WASTE', 'ADJUSTMENT')),
    quantity      numeric(14,3) not null check (quantity > 0),
    occurred_at   timestamptz   not null,
    note          text          check (length(note) <= 500),
    recorded_by   uuid,
    created_at    timestamptz   not null default now(),
    foreign key (tenant_id, ingredient_id) references ingredients (tenant_id, id),
    foreign key (tenant_id, batch_id) references stock_batches (tenant_id, id)
);
create index stock_movements_tenant_occurred_idx on stock_movements (tenant_id, occurred_at, id);
create index stock_movements_ingredient_idx on stock_movements (tenant_id, ingredient_id);
create index stock_movements_batch_idx on stock_movements (tenant_id, batch_id);
