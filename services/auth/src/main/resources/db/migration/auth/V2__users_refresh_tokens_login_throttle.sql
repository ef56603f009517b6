-- Users log in with an email that is unique regardless of case.
create table users (
    id            uuid        primary key,
    email         text        not null check (length(email) between 3 and 254),
    full_name     text        not null check (length(full_name) between 1 and 200),
    password_hash text        not null,
    status        text        not null check (status in ('ACTIVE', 'DISABLED')),
    created_at    timestamptz not null
);
create unique index users_email_lower_key on users (lower(email));

-- Refresh tokens are stored as SHA-256 hashes only; a token is usable once (rotation) until it expires or is revoked.
create table refresh_tokens (
    id         uuid        primary key,
    user_id    uuid        not null references users (id) on delete cascade,
    token_hash text        not null unique,
    issued_at  timestamptz not null,
    expires_at timestamptz not null,
    revoked_at timestamptz
);
create index refresh_tokens_user_id_idx on refresh_tokens (user_id);

-- Failed logins per account (lower-cased email), so guessing is throttled across every replica.
create table login_throttle (
    account           text        primary key,
    failures          integer     not null,
    window_started_at timestamptz not null,
    locked_until      timestamptz
);
