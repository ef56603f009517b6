-- The mails the platform sends, each written in the transaction of what it tells and sent afterwards
-- by the relay (MailRelay): over SMTP, or with no SMTP server configured into <data-dir>/mail as
-- .eml files. A crash loses no mail (the row outlives it) and repeats none it can help: a row is
-- claimed for a lease, marked sent only after the SMTP server accepted it, and carries one
-- Message-ID (<id@bakery-ia>) however often it is tried, so a resend after a crash between the
-- server's acceptance and the mark is recognisable as the same message.
create table mail_outbox (
    id                uuid        primary key,
    -- One mail per event: queueing the same event again (a retried request) adds nothing.
    dedup_key         text        not null unique check (length(dedup_key) <= 300),
    -- The account the mail is about, so that a person's erasure deletes their unsent mails;
    -- null for a mail sent to an address that has no account (any more).
    recipient_user_id uuid,
    -- Address and body are personal data: kept only until the mail is sent.
    recipient_email   text,
    subject           text        not null,
    body              text,
    created_at        timestamptz not null default now(),
    next_attempt_at   timestamptz not null default now(),
    claimed_until     timestamptz,
    attempts          integer     not null default 0,
    last_error        text,
    sent_at           timestamptz,
    constraint mail_outbox_unsent_has_content check (sent_at is not null or (recipient_email is not null and body is not null))
);
create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where sent_at is null;
create index mail_outbox_recipient_user_id_idx on mail_outbox (recipient_user_id);
create index mail_outbox_recipient_email_idx on mail_outbox (recipient_email);
