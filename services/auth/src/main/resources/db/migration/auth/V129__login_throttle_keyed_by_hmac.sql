-- Login throttling keeps no address any more. A row is keyed by an HMAC-SHA256 (lower-case hex) of
-- the address as typed, normalised (NFKC, then lower case), under a secret that is configured
-- (bakery.auth.login-throttle.secret) or else made once below; and it expires once its window and
-- lockout are over (expires_at), whoever typed the address. The rows of before held addresses in
-- clear, those of erased people typed after their erasure and of everyone who ever mistyped one:
-- they are dropped (a lockout in force ends early, once).
drop table login_throttle;

create table login_throttle (
    account_key       text        primary key check (account_key ~ '^[0-9a-f]{64}$'),
    failures          integer     not null,
    window_started_at timestamptz not null,
    locked_until      timestamptz,
    expires_at        timestamptz not null
);
create index login_throttle_by_expiry on login_throttle (expires_at);

-- The HMAC secret when none is configured: made at random by the first auth process that needs it
-- and shared by every replica through this row. A configured secret keeps the key out of the
-- database, so a copy of the database alone cannot test guessed addresses against the keys.
create table login_throttle_secret (
    only_row boolean primary key default true check (only_row),
    secret   bytea   not null check (length(secret) >= 32)
);
