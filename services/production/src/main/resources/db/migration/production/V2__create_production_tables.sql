-- Equipment, shift schedules, production batches run on them, and the quality checks of each batch.
-- A batch names its recipe by id only: no foreign key crosses a service.
-- Every table leads an index with tenant_id; children reference parents with (tenant_id, id), so a
-- row can never point into another tenant, and that composite key is indexed for the FK checks.

create table equipment (
    id             uuid        primary key,
    tenant_id      uuid        not null,
    name           text        not null check (length(name) between 1 and 200),
    equipment_type text        not null check (equipment_type in ('OVEN', 'MIXER', 'PROOFER', 'FREEZER', 'SHEETER', 'OTHER')),
    status         text        not null default 'OPERATIONAL'
                       check (status in ('OPERATIONAL', 'MAINTENANCE', 'OUT_OF_SERVICE')),
    created_at     timestamptz not null default now(),
    unique (tenant_id, id),
    unique (tenant_id, name)
);

create table production_schedules (
    id            uuid        primary key,
    tenant_id     uuid        not null,
    schedule_date date        not null,
    shift         text        not null check (shift in ('NIGHT', 'MORNING', 'AFTERNOON')),
    status        text        not null default 'DRAFT' check (status in ('DRAFT', 'CONFIRMED', 'COMPLETED')),
    notes         text        check (length(notes) <= 2000),
    created_by    uuid,
    created_at    timestamptz not null default now(),
    unique (tenant_id, id),
    unique (tenant_id, schedule_date, shift)
);

create table production_batches (
    id               uuid        primary key,
    tenant_id        uuid        not null,
    schedule_id      uuid,
    equipment_id     uuid,
    recipe_id        uuid,
    product_name     text        not null check (length(product_name) between 1 and 200),
    planned_quantity integer     not null check (planned_quantity > 0),
    actual_quantity  integer     check (actual_quantity >= 0),
    status           text        not null default 'PLANNED'
                         check (status in ('PLANNED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')),
    planned_start    timestamptz not null,
    assigned_to      uuid,
    created_by       uuid,
    created_at       timestamptz not null default now(),
    unique (tenant_id, id),
    foreign key (tenant_id, schedule_id) references production_schedules (tenant_id, id),
    foreign key (tenant_id, equipment_id) references equipment (tenant_id, id)
);
create index production_batches_tenant_start_idx on production_batches (tenant_id, planned_start, id);
create index production_batches_schedule_idx on production_batches (tenant_id, schedule_id);
create index production_batches_equipment_idx on production_batches (tenant_id, equipment_id);

create table quality_checks (
    id         uuid         primary key,
    tenant_id  uuid         not null,
    batch_id   uuid         not null,
    check_type text         not null check (check_type in ('VISUAL', 'WEIGHT', 'TEMPERATURE', 'TASTE', 'TEXTURE')),
    result     text         not null check (result in ('PASS', 'WARNING', 'FAIL')),
    score      numeric(3,1) check (score between 0 and 10),
    notes      text         check (length(notes) <= 2000),
    checked_by uuid,
    checked_at timestamptz  not null,
    created_at timestamptz  not null default now(),
    foreign key (tenant_id, batch_id) references production_batches (tenant_id, id)
);
create index quality_checks_batch_idx on quality_checks (tenant_id, batch_id, checked_at);
