-- Every hand-over token given out for a user job's certificate stays valid: one row per token (its
-- SHA-256 only), none replacing another. Before, each 202 of the deletion request replaced the
-- job's one token, so support repeating the person's request (immediate=true), an operator or a
-- retry left the person with a token that answered 404 for good. The tokens of before are kept.
create table deletion_certificate_tokens (
    job_id     uuid        not null references deletion_jobs (id),
    token_hash text        not null check (token_hash ~ '^[0-9a-f]{64}$'),
    issued_at  timestamptz not null,
    primary key (job_id, token_hash)
);

insert into deletion_certificate_tokens (job_id, token_hash, issued_at)
select id, certificate_token_hash, created_at from deletion_jobs where certificate_token_hash is not null;

alter table deletion_jobs drop column certificate_token_hash;
