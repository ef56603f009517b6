-- The platform role RECORDS_OFFICER (issue 25): reads what the law keeps of deleted tenants, one
-- read at a time with a reason. An account may now hold it besides OPERATOR.
alter table users drop constraint users_platform_roles_known;
alter table users add constraint users_platform_roles_known
    check (platform_roles <@ array['OPERATOR', 'RECORDS_OFFICER']::text[]);
