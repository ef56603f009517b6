-- A tenant's jurisdiction: the ISO 3166-1 alpha-2 code of the country whose law decides what the
-- platform keeps of its records after its deletion (the retention catalogue). Tenants that existed
-- before get bakery.retention.default-country when the tenant service starts (TenantJurisdictions).
alter table tenants add column country text check (country ~ '^[A-Z]{2}$');
