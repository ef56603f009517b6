-- Sales per product, per day, per channel: one record for each combination. The product is named
-- by id (a recipe or catalogue entry in another service) and by name as sold.

create table sales_records (
    id            uuid          primary key,
    tenant_id     uuid          not null,
    product_id    uuid          not null,
    product_name  text          not null check (length(product_name) between 1 and 200),
    sale_date     date          not null,
    channel       text          not null check (channel in ('STORE', 'ONLINE', 'WHOLESALE', 'DELIVERY_APP')),
    quantity_sold integer       not null check (quantity_sold >= 0),
    unit_price    numeric(12,2) not null check (unit_price >= 0),
    revenue       numeric(14,2) not null check (revenue >= 0),
    recorded_by   uuid,
    created_at    timestamptz   not null default now(),
    unique (tenant_id, product_id, sale_date, channel)
);
create index sales_records_tenant_date_idx on sales_records (tenant_id, sale_date, id);
