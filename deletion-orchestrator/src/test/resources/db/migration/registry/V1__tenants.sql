-- Stands in for the tenant service's record in tests: the final step removes the row.
create table tenants (id uuid primary key, status text not null);
