-- The token signing keys, shared by every replica of the auth service (they were a JWK Set file in
-- each process's data directory). The private part is sealed (AES-GCM) under the key-encryption key
-- from configuration, which is never stored here: a dump of this table signs nothing.
create table auth.signing_keys (
    kid                text primary key,
    public_jwk         text not null,
    sealed_private_jwk bytea not null,
    created_at         timestamptz not null,
    -- When it stopped signing; null for the one current key.
    retired_at         timestamptz,
    -- When a retired key stops verifying (its last tokens have expired) and is dropped.
    expires_at         timestamptz,
    check (expires_at is null or retired_at is not null)
);

-- Exactly one key signs at a time.
create unique index signing_keys_one_current on auth.signing_keys ((retired_at is null)) where retired_at is null;
