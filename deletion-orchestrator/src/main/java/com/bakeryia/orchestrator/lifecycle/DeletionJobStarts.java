package com.bakeryia.orchestrator.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.bakeryia.orchestrator.job.Initiator;
import com.bakeryia.orchestrator.job.JobKind;
import com.bakeryia.orchestrator.job.JobPlan;
import com.bakeryia.orchestrator.job.JobStatus;
import com.bakeryia.orchestrator.job.JobStoreTables;
import com.bakeryia.orchestrator.proof.DeletionAudit;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import static com.bakeryia.orchestrator.job.JobStoreTables.at;

/**
 * Puts jobs to work: creates a job with the steps of its first phase (or finds the subject's
 * unfinished one), and puts a FAILED job back to work. The job keeps its data services, so every
 * later phase is decided from the job itself ({@link JobPlan}).
 */
public class DeletionJobStarts {

    /** The audit trail's actor of what the orchestrator does by itself when a window ends. */
    static final String WINDOW_ENDED = "system:window-ended";

    private final JobStoreTables tables;
    private final DeletionAudit audit;

    public DeletionJobStarts(JobStoreTables tables, DeletionAudit audit) {
        this.tables = tables;
        this.audit = audit;
    }

    /** A job that was found or created; {@code created} is false when an unfinished one already existed. */
    public record StartedJob(UUID jobId, boolean created) {
    }

    /** What a user job does with one tenant the user owns: delete it, or hand it to {@code newOwnerId}. */
    public record OwnedTenantPlan(UUID tenantId, boolean delete, UUID newOwnerId) {
    }

    /**
     * Creates a job with the steps of its first phase, unless the subject already has an unfinished
     * job (PENDING, RUNNING or FAILED), which is returned instead. The unique partial index decides
     * between two concurrent callers: the loser's insert does nothing and it reads the winner's job.
     *
     * @param ownedTenants user jobs only: what happens to each tenant the user owns
     */
    public StartedJob startOrFind(JobKind kind, UUID subjectId, Initiator initiator, List<String> dataServices,
                           List<OwnedTenantPlan> ownedTenants, int attemptLimit, Instant now) {
        return startOrFind(kind, subjectId, initiator, dataServices, ownedTenants, attemptLimit, now, now);
    }

    /**
     * As {@link #startOrFind(JobKind, UUID, Initiator, List, List, int, Instant)}, but a job created
     * with {@code startAt} after {@code now} is SCHEDULED until then: its first steps exist but no
     * worker claims them (workers only claim steps of PENDING and RUNNING jobs) until
     * {@link #startIfDue} moves it on, and {@link #cancel} can still undo it.
     */
    public StartedJob startOrFind(JobKind kind, UUID subjectId, Initiator initiator, List<String> dataServices,
                           List<OwnedTenantPlan> ownedTenants, int attemptLimit, Instant now, Instant startAt) {
        return startOrFind(kind, subjectId, initiator, dataServices, ownedTenants, attemptLimit, now, startAt,
                startAt.isAfter(now));
    }

    /**
     * As {@link #startOrFind(JobKind, UUID, Initiator, List, List, int, Instant, Instant)}, but the
     * new job is SCHEDULED even when {@code startAt} is {@code now}: due at once, it waits only for
     * {@link #startIfDue} (or the next pass of the grace windows) to mark its subject and start it.
     * A deletion asked for without a window is created so, before its subject is marked, so a
     * subject is never marked DELETING without a job that will delete it: when the mark or the
     * start fails after the job committed, the next pass completes them.
     */
    public StartedJob createScheduledOrFind(JobKind kind, UUID subjectId, Initiator initiator, List<String> dataServices,
                                            List<OwnedTenantPlan> ownedTenants, int attemptLimit, Instant now,
                                            Instant startAt) {
        return startOrFind(kind, subjectId, initiator, dataServices, ownedTenants, attemptLimit, now, startAt, true);
    }

    private StartedJob startOrFind(JobKind kind, UUID subjectId, Initiator initiator, List<String> dataServices,
                                   List<OwnedTenantPlan> ownedTenants, int attemptLimit, Instant now, Instant startAt,
                                   boolean scheduled) {
        var sql = tables.sql();
        for (int tries = 0; ; tries++) {
            StartedJob job = tables.transactions().execute(status -> {
                UUID jobId = UUID.randomUUID();
                int inserted = sql.update("insert into " + tables.jobs() + " (id, kind, subject_id, status, initiated_by,"
                        + " initiating_service, created_at, participants, scheduled_for) values (:id, :kind, :subject, :status,"
                        + " :user, :service, :now, cast(:participants as text[]), :scheduledFor)"
                        + " on conflict (kind, subject_id) where status not in ('COMPLETED', 'CANCELLED') do nothing", new MapSqlParameterSource()
                        .addValue("id", jobId).addValue("kind", kind.name()).addValue("subject", subjectId)
                        .addValue("user", initiator.userId()).addValue("service", initiator.serviceId())
                        .addValue("now", at(now)).addValue("participants", "{" + String.join(",", dataServices) + "}")
                        .addValue("status", scheduled ? JobStatus.SCHEDULED.name() : JobStatus.PENDING.name())
                        .addValue("scheduledFor", scheduled ? at(startAt) : null));
                if (inserted == 0) {
                    return unfinishedJob(kind, subjectId).map(existing -> new StartedJob(existing, false)).orElse(null);
                }
                sql.batchUpdate("insert into " + tables.ownedTenants() + " (job_id, tenant_id, action, new_owner_user_id)"
                        + " values (:job, :tenant, :action, :owner)", ownedTenants.stream()
                        .map(plan -> new MapSqlParameterSource().addValue("job", jobId).addValue("tenant", plan.tenantId())
                                .addValue("action", plan.delete() ? "DELETE" : "TRANSFER").addValue("owner", plan.newOwnerId()))
                        .toArray(MapSqlParameterSource[]::new));
                if (!(JobPlan.next(kind, dataServices, Map.of()) instanceof JobPlan.Next.Start first)) {
                    throw new IllegalStateException("A new " + kind + " job has no first phase");
                }
                tables.insertSteps(first.steps().stream()
                        .map(step -> new JobStoreTables.NewStep(jobId, step, attemptLimit, startAt)).toList());
                audit.append(now, DeletionAudit.Action.REQUESTED, jobId, kind, subjectId, initiator.actor(),
                        DeletionAudit.details("services", dataServices.size(), "owned_tenants", ownedTenants.size()));
                if (scheduled && startAt.isAfter(now)) {
                    audit.append(now, DeletionAudit.Action.SCHEDULED, jobId, kind, subjectId, initiator.actor(),
                            DeletionAudit.details("scheduled_for", startAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString()));
                } else if (!scheduled) {
                    // Created PENDING, with no window to wait out: recorded (and announced) as a start, as
                    // when a SCHEDULED job's window ends or is skipped. A SCHEDULED job due now records
                    // its start when startIfDue starts it.
                    audit.append(now, DeletionAudit.Action.STARTED, jobId, kind, subjectId, initiator.actor(),
                            DeletionAudit.details("window_skipped", true));
                }
                return new StartedJob(jobId, true);
            });
            if (job != null) {
                return job;
            }
            if (tries > 5) {
                throw new IllegalStateException("Could not start or find a " + kind + " deletion job for " + subjectId);
            }
            // The conflicting job completed between our insert and our read: try again.
        }
    }

    private Optional<UUID> unfinishedJob(JobKind kind, UUID subjectId) {
        return tables.sql().query("select id from " + tables.jobs() + " where kind = :kind and subject_id = :subject"
                + " and status not in ('COMPLETED', 'CANCELLED')", Map.of("kind", kind.name(), "subject", subjectId),
                (rs, n) -> rs.getObject(1, UUID.class)).stream().findFirst();
    }

    /** What a cancellation found. */
    public enum CancelResult {
        CANCELLED, NOT_FOUND, NOT_SCHEDULED,
        /** SCHEDULED, and the condition of {@link #cancelIf} said to keep it. */
        KEPT
    }

    /**
     * Cancels a SCHEDULED job (its grace window has not ended): CANCELLED, nothing was deleted.
     * Locks the job row, so a cancellation and {@link #startIfDue} never both succeed.
     */
    public CancelResult cancel(UUID jobId, Instant now, String actor) {
        return cancelIf(jobId, now, actor, DeletionAudit.Action.RESTORED, () -> true);
    }

    /**
     * As {@link #cancel}, but only when {@code withdrawn} answers true, asked with the job row
     * locked and the job still SCHEDULED (a user job whose account is ACTIVE again: the person
     * cancelled by logging in). {@code withdrawn} must not call another service (it runs with the
     * job row locked): ask first, then cancel with the answer. A job whose start was claimed
     * ({@link #claimStart}) is not cancelled: its deletion is decided.
     */
    CancelResult cancelIf(UUID jobId, Instant now, String actor, DeletionAudit.Action action, BooleanSupplier withdrawn) {
        var sql = tables.sql();
        return tables.transactions().execute(status -> {
            // A claimed start (claimStart) is a decided deletion, SCHEDULED only until its mark is recorded.
            List<String> found = sql.query("select case when start_lease_owner is null then status else 'STARTING' end"
                    + " from " + tables.jobs() + " where id = :id for update", Map.of("id", jobId), (rs, n) -> rs.getString(1));
            if (found.isEmpty()) {
                return CancelResult.NOT_FOUND;
            }
            if (!JobStatus.SCHEDULED.name().equals(found.get(0))) {
                return CancelResult.NOT_SCHEDULED;
            }
            if (!withdrawn.getAsBoolean()) {
                return CancelResult.KEPT;
            }
            markCancelled(jobId, now, actor, action);
            return CancelResult.CANCELLED;
        });
    }

    /**
     * The job CANCELLED, and its steps (its first phase's, never run: the job was SCHEDULED) with
     * it, so nothing of a cancelled job stays claimable: left PENDING, they would sit at the head of
     * the claimable index's order for ever, walked past by every claim.
     */
    private void markCancelled(UUID jobId, Instant now, String actor, DeletionAudit.Action action) {
        var params = new MapSqlParameterSource().addValue("id", jobId).addValue("now", at(now));
        Map<String, Object> job = tables.sql().queryForMap("update " + tables.jobs() + " set status = 'CANCELLED',"
                + " completed_at = :now, start_lease_owner = null, start_lease_expires_at = null where id = :id"
                + " returning kind, subject_id", params);
        tables.sql().update("update " + tables.steps() + " set status = 'CANCELLED', completed_at = :now,"
                + " version = version + 1 where job_id = :id and status in ('PENDING', 'RUNNING')", params);
        audit.append(now, action, jobId, JobKind.valueOf((String) job.get("kind")), (UUID) job.get("subject_id"), actor,
                Map.of());
    }

    /** A SCHEDULED job, its subject, and when its window ends. */
    public record ScheduledJob(UUID jobId, JobKind kind, UUID subjectId, Instant scheduledFor) {
    }

    /** SCHEDULED jobs whose window has ended by {@code now}, earliest first, at most {@code limit}. */
    List<ScheduledJob> dueScheduled(Instant now, int limit) {
        return tables.sql().query("select id, kind, subject_id, scheduled_for from " + tables.jobs()
                + " where status = 'SCHEDULED' and scheduled_for <= :now"
                + " and (start_lease_expires_at is null or start_lease_expires_at <= :now) order by scheduled_for limit :limit",
                new MapSqlParameterSource().addValue("now", at(now)).addValue("limit", limit),
                (rs, n) -> new ScheduledJob(rs.getObject("id", UUID.class), JobKind.valueOf(rs.getString("kind")),
                        rs.getObject("subject_id", UUID.class), JobStoreTables.instant(rs, "scheduled_for")));
    }

    /**
     * SCHEDULED jobs of one kind after {@code after} in (scheduled_for, id) order, at most
     * {@code limit}: one page of a sweep over every SCHEDULED job (null: from the first), on the
     * partial index of SCHEDULED jobs. Not locked: {@link #cancelIf} decides under the job's lock.
     */
    List<ScheduledJob> scheduledAfter(JobKind kind, ScheduledPosition after, int limit) {
        return tables.sql().query("select id, kind, subject_id, scheduled_for from " + tables.jobs()
                        + " where status = 'SCHEDULED' and kind = :kind and (cast(:afterAt as timestamptz) is null"
                        + " or (scheduled_for, id) > (cast(:afterAt as timestamptz), cast(:afterId as uuid)))"
                        + " order by scheduled_for, id limit :limit",
                new MapSqlParameterSource().addValue("kind", kind.name()).addValue("limit", limit)
                        .addValue("afterAt", after == null ? null : at(after.scheduledFor()))
                        .addValue("afterId", after == null ? null : after.jobId()),
                (rs, n) -> new ScheduledJob(rs.getObject("id", UUID.class), JobKind.valueOf(rs.getString("kind")),
                        rs.getObject("subject_id", UUID.class), JobStoreTables.instant(rs, "scheduled_for")));
    }

    /** Where a sweep over SCHEDULED jobs ({@link #scheduledAfter}) has got to. */
    record ScheduledPosition(Instant scheduledFor, UUID jobId) {
    }

    /** What a start of a SCHEDULED job did. */
    public enum StartResult {
        /** The job is PENDING: workers claim its steps. */
        STARTED,
        /** The job is CANCELLED instead: the condition said the deletion was withdrawn. Nothing was deleted. */
        CANCELLED,
        /** Not (or no longer) SCHEDULED, or not due yet: nothing changed. */
        NOT_SCHEDULED
    }

    /**
     * Claims the start of a SCHEDULED job for {@code owner} until {@code now + lease}, and commits
     * the claim, before anything calls another service: the claim is the decision that the
     * deletion starts (a restore from then on finds it started, {@link #cancelIf}), the call that
     * marks the subject comes after, outside any transaction, and {@link #recordStart} records
     * what it answered. So no transaction holds the job row while a service is called, and a slow
     * tenant or auth service holds up nobody's rows. Due means the window has ended by {@code now}
     * (or {@code skipWindow}: a service or an operator asked to skip it) and no live claim of
     * another process: an expired claim (its process died mid-call) is taken over, and the mark is
     * asked for again (marks are idempotent). {@code skip locked}: a replica never waits for a row
     * another holds; it leaves that job to it.
     *
     * @return whether this caller now holds the start
     */
    public boolean claimStart(UUID jobId, Instant now, boolean skipWindow, String owner, Duration lease) {
        return tables.transactions().execute(status -> !tables.sql().queryForList("update " + tables.jobs()
                + " set start_lease_owner = :owner, start_lease_expires_at = :until where id = (select id from "
                + tables.jobs() + " where id = :id and status = 'SCHEDULED' and (:skip or scheduled_for <= :now)"
                + " and (start_lease_expires_at is null or start_lease_expires_at <= :now) for update skip locked)"
                + " returning id", new MapSqlParameterSource().addValue("id", jobId).addValue("now", at(now))
                .addValue("skip", skipWindow).addValue("owner", owner).addValue("until", at(now.plus(lease))),
                UUID.class).isEmpty());
    }

    /**
     * The call after {@link #claimStart} failed (the tenant or auth service did not answer): the
     * claim stays, so the deletion stays decided (a restore still finds it started), but expires
     * now, so the next pass of the grace windows asks again.
     */
    public void startFailed(UUID jobId, String owner, Instant now) {
        tables.sql().update("update " + tables.jobs() + " set start_lease_expires_at = :now where id = :id"
                + " and start_lease_owner = :owner and status = 'SCHEDULED'", new MapSqlParameterSource()
                .addValue("id", jobId).addValue("owner", owner).addValue("now", at(now)));
    }

    /**
     * Records what the call after {@link #claimStart} answered, fenced by the claim: the job
     * PENDING, so workers claim its steps ({@code mayStart}: the tenant was marked DELETING, or the
     * account could be), or CANCELLED ({@code mayStart} false: the person cancelled their
     * deletion, the account is ACTIVE again). Nothing when another process took the claim over
     * meanwhile (it records instead).
     */
    public StartResult recordStart(UUID jobId, String owner, Instant now, String actor, boolean windowSkipped,
                                   boolean mayStart) {
        var sql = tables.sql();
        return tables.transactions().execute(status -> {
            List<String> found = sql.query("select status from " + tables.jobs() + " where id = :id"
                    + " and start_lease_owner = :owner for update", new MapSqlParameterSource().addValue("id", jobId)
                    .addValue("owner", owner), (rs, n) -> rs.getString(1));
            if (found.isEmpty() || !JobStatus.SCHEDULED.name().equals(found.get(0))) {
                return StartResult.NOT_SCHEDULED;
            }
            var params = new MapSqlParameterSource().addValue("id", jobId).addValue("at", at(now));
            if (!mayStart) {
                markCancelled(jobId, now, actor, DeletionAudit.Action.CANCELLED);
                return StartResult.CANCELLED;
            }
            // A job scheduled for the instant it was created had no window (createScheduledOrFind): it shows none.
            Map<String, Object> job = sql.queryForMap("update " + tables.jobs() + " set status = 'PENDING',"
                    + " scheduled_for = nullif(scheduled_for, created_at), start_lease_owner = null,"
                    + " start_lease_expires_at = null where id = :id returning kind, subject_id", params);
            audit.append(now, DeletionAudit.Action.STARTED, jobId, JobKind.valueOf((String) job.get("kind")),
                    (UUID) job.get("subject_id"), actor, DeletionAudit.details("window_skipped", windowSkipped));
            sql.update("update " + tables.steps() + " set next_attempt_at = least(next_attempt_at, :at)"
                    + " where job_id = :id and status = 'PENDING'", params);
            return StartResult.STARTED;
        });
    }

    /**
     * Brings a SCHEDULED job's deadline forward to {@code now} (a service or an operator asked to
     * skip its window), in a transaction of its own, before its start marks the subject: when the
     * start fails after the mark (the job store or the caller gone), the job is due, and the next
     * pass of the grace windows starts it, instead of a subject marked DELETING waiting out a
     * window with nobody to restore it. A restore before the start still cancels it.
     */
    public void skipWindow(UUID jobId, Instant now) {
        tables.sql().update("update " + tables.jobs() + " set scheduled_for = least(scheduled_for, :now)"
                + " where id = :id and status = 'SCHEDULED'", new MapSqlParameterSource().addValue("id", jobId)
                .addValue("now", at(now)));
    }

    /** What a retry request found. */
    public enum RetryResult { RETRIED, NOT_FOUND, NOT_FAILED }

    /** A job that is FAILED, and since when (its {@code completed_at}). */
    public record FailedJob(UUID jobId, JobKind kind, UUID subjectId, Instant failedAt) {
    }

    /**
     * Up to {@code limit} jobs FAILED at or before {@code failedBefore}, longest-failed first: the
     * candidates of an automatic retry, in one statement on the partial index of FAILED jobs. Not
     * locked: {@link #retry(UUID, int, Instant, Instant, String)} decides under the job's lock.
     */
    public List<FailedJob> failedAtOrBefore(Instant failedBefore, int limit) {
        return tables.sql().query("select id, kind, subject_id, completed_at from " + tables.jobs()
                        + " where status = 'FAILED' and completed_at <= :before order by completed_at limit :limit",
                new MapSqlParameterSource().addValue("before", at(failedBefore)).addValue("limit", limit),
                (rs, n) -> new FailedJob(rs.getObject("id", UUID.class), JobKind.valueOf(rs.getString("kind")),
                        rs.getObject("subject_id", UUID.class), JobStoreTables.instant(rs, "completed_at")));
    }

    /**
     * Puts a FAILED job back to work: its failed steps become pending again, each allowed
     * {@code extraAttempts} more attempts; steps that succeeded are not run again.
     */
    public RetryResult retry(UUID jobId, int extraAttempts, Instant now, String actor) {
        return retry(jobId, extraAttempts, now, null, actor);
    }

    /**
     * As {@link #retry(UUID, int, Instant, String)}, but only a job that failed at or before
     * {@code failedBefore} (null: whenever). Decided with the job row locked, so of several callers
     * that saw the same failure (replicas running the automatic retry at once), one retries the job
     * and the others find it RUNNING, or FAILED again later than the bound, and leave it
     * ({@code NOT_FAILED}).
     */
    public RetryResult retry(UUID jobId, int extraAttempts, Instant now, Instant failedBefore, String actor) {
        var sql = tables.sql();
        return tables.transactions().execute(status -> {
            // The automatic pass (failedBefore given) skips a row another replica holds: that one is retrying it.
            List<Boolean> found = sql.query("select status = 'FAILED' and (cast(:before as timestamptz) is null"
                            + " or completed_at <= :before) from " + tables.jobs() + " where id = :id for update"
                            + (failedBefore == null ? "" : " skip locked"),
                    new MapSqlParameterSource().addValue("id", jobId)
                            .addValue("before", failedBefore == null ? null : at(failedBefore)),
                    (rs, n) -> rs.getBoolean(1));
            if (found.isEmpty()) {
                return failedBefore == null ? RetryResult.NOT_FOUND : RetryResult.NOT_FAILED;
            }
            if (!found.get(0)) {
                return RetryResult.NOT_FAILED;
            }
            var params = new MapSqlParameterSource().addValue("job", jobId).addValue("now", at(now))
                    .addValue("extra", extraAttempts);
            sql.update("update " + tables.steps() + " set status = 'PENDING', attempt_limit = attempts + :extra,"
                    + " next_attempt_at = :now, completed_at = null, version = version + 1"
                    + " where job_id = :job and status = 'FAILED'", params);
            Map<String, Object> job = sql.queryForMap("update " + tables.jobs() + " set status = 'RUNNING',"
                    + " completed_at = null, error_summary = null where id = :job returning kind, subject_id", params);
            audit.append(now, DeletionAudit.Action.RETRIED, jobId, JobKind.valueOf((String) job.get("kind")),
                    (UUID) job.get("subject_id"), actor, DeletionAudit.details("extra_attempts", extraAttempts));
            return RetryResult.RETRIED;
        });
    }
}
