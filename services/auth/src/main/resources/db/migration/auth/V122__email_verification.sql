-- Verified addresses. An address is trusted (the operator role by bakery.auth.operators, mails that
-- carry secrets) only once its owner followed a verification link mailed to it. The moment is kept
-- with the account; a change of the address forgets it, whatever path changes it (the trigger), so
-- a changed address is verified again before it counts. Accounts from before this version were
-- never verified: they are not marked.
alter table users add column email_verified_at timestamptz;

create function users_forget_verification_of_changed_email() returns trigger language plpgsql as $$
begin
    if new.email is distinct from old.email then
        new.email_verified_at := null;
    end if;
    return new;
end $$;
create trigger users_forget_verification_of_changed_email before update of email on users
    for each row execute function users_forget_verification_of_changed_email();

-- One row per verification link mailed: the SHA-256 of its token (the token itself is only in the
-- mail), the address it verifies (a link verifies that address only, so a link mailed before an
-- address change verifies nothing after it), until when it works, and when it was used (once).
create table email_verifications (
    id          uuid        primary key,
    user_id     uuid        not null references users (id) on delete cascade,
    email       text        not null,
    token_hash  text        not null unique,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index email_verifications_user_id_idx on email_verifications (user_id);
create index email_verifications_email_idx on email_verifications (email);
