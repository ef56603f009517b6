-- The deletion-certificate signing keys, shared by every orchestrator replica (they were a JWK Set
-- file in each process's data directory). The private part is sealed (AES-GCM) under the
-- key-encryption key from configuration, which is never stored here: a dump of this table signs
-- nothing. Retired keys are kept for good (expires_at stays null): every certificate ever issued
-- keeps verifying.
create table deletion.certificate_keys (
    kid                text primary key,
    public_jwk         text not null,
    sealed_private_jwk bytea not null,
    created_at         timestamptz not null,
    -- When a newer key replaced it; null for the one current key.
    retired_at         timestamptz,
    expires_at         timestamptz,
    check (expires_at is null or retired_at is not null)
);

-- Exactly one key is current at a time.
create unique index certificate_keys_one_current on deletion.certificate_keys ((retired_at is null)) where retired_at is null;
