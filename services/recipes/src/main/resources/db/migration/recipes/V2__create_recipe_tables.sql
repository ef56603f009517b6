-- Recipes with their ingredient lines and numbered instructions. An ingredient line names an
-- inventory ingredient by id only: no foreign key crosses a service.
-- Every table leads an index with tenant_id; children reference parents with (tenant_id, id), so a
-- row can never point into another tenant, and that composite key is indexed for the FK checks.

create table recipes (
    id             uuid          primary key,
    tenant_id      uuid          not null,
    name           text          not null check (length(name) between 1 and 200),
    category       text          not null check (category in ('BREAD', 'PASTRY', 'CAKE', 'COOKIE', 'SAVORY', 'OTHER')),
    yield_quantity numeric(12,3) not null check (yield_quantity > 0),
    yield_unit     text          not null check (yield_unit in ('UNIT', 'KG', 'G', 'L', 'ML')),
    prep_minutes   integer       check (prep_minutes >= 0),
    bake_minutes   integer       check (bake_minutes >= 0),
    created_by     uuid,
    created_at     timestamptz   not null default now(),
    unique (tenant_id, id),
    unique (tenant_id, name)
);
create index recipes_tenant_created_idx on recipes (tenant_id, created_at, id);

create table recipe_ingredients (
    id            uuid          primary key,
    tenant_id     uuid          not null,
    recipe_id     uuid          not null,
    ingredient_id uuid          not null,
    quantity      numeric(12,3) not null check (quantity > 0),
    unit          text          not null check (unit in ('KG', 'G', 'L', 'ML', 'UNIT')),
    position      integer       not null check (position > 0),
    created_at    timestamptz   not null default now(),
    unique (tenant_id, recipe_id, position),
    foreign key (tenant_id, recipe_id) references recipes (tenant_id, id)
);

create table recipe_instructions (
    id          uuid        primary key,
    tenant_id   uuid        not null,
    recipe_id   uuid        not null,
    step_number integer     not null check (step_number > 0),
    instruction text        not null check (length(instruction) between 1 and 2000),
    created_at  timestamptz not null default now(),
    unique (tenant_id, recipe_id, step_number),
    foreign key (tenant_id, recipe_id) references recipes (tenant_id, id)
);
