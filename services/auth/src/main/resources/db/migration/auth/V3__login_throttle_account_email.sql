-- login_throttle.account holds lower-cased e-mail addresses. Named account_email, the deletion
-- coverage guard's e-mail rule (email, *_email) sees it, so the schema must say who deletes it:
-- a user's erasure deletes the throttle row of their address.
alter table login_throttle rename column account to account_email;
