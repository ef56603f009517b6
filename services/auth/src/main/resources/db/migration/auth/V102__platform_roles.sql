-- Roles a person holds on the platform as a whole (not in a tenant), granted by a service with
-- PUT /api/v1/users/{user_id}/platform-roles. They live on the account's own row, so the user job's
-- FINAL step, which deletes that row, deletes them too. bakery.auth.operators adds OPERATOR to the
-- accounts of the addresses it names whenever an account is read; it is never copied here.
--
-- Version 102, not 5: a database from before the deletion orchestrator had a schema of its own has
-- auth V100 and V101 (the job store's old migrations) in its history, and Flyway would refuse a new
-- migration numbered below them.
alter table users add column platform_roles text[] not null default '{}';
alter table users add constraint users_platform_roles_known
    check (platform_roles <@ array['OPERATOR']::text[]);
