-- The start of a SCHEDULED job is decided, committed, then its subject marked in its service with
-- no transaction open, then recorded: the claim of that start is kept on the job row. Its owner (a
-- process) and until when it holds it; a claim that expired (its process died mid-call) is taken
-- over. A job whose start is claimed is not cancelled by a restore: its deletion is decided.
alter table deletion_jobs add column start_lease_owner text;
alter table deletion_jobs add column start_lease_expires_at timestamptz;
