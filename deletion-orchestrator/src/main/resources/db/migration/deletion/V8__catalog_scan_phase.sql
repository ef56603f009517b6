-- After VERIFY and before FINAL, every job scans each service's live catalog (SCAN): the
-- independent check that no table the plans missed still holds the subject's rows.
alter table deletion_steps drop constraint if exists deletion_steps_phase_check;
alter table deletion_steps add constraint deletion_steps_phase_check
    check (phase in ('PREPARE', 'DELETE', 'VERIFY', 'SCAN', 'FINAL'));
