-- One signed deletion certificate per COMPLETED job, issued in the transaction that completes it
-- (so a crash leaves either both or neither), never changed afterwards. The compact JWS is kept
-- as issued; its claims hold ids, counts, times and the audit head, nothing personal.
create table deletion_certificates (
    job_id     uuid primary key references deletion_jobs (id),
    key_id     text        not null,
    issued_at  timestamptz not null,
    audit_head text        not null check (audit_head ~ '^[0-9a-f]{64}$'),
    jws        text        not null
);

create trigger deletion_certificates_append_only before update or delete on deletion_certificates
    for each row execute function deletion_audit_entries_refuse_change();

-- The hand-over of a user job's certificate to the erased person, who cannot log in afterwards:
-- a random token given in the answer to the deletion request; only its SHA-256 is kept here.
alter table deletion_jobs add column certificate_token_hash text;
