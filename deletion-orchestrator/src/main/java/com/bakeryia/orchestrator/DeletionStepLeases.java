package com.bakeryia.orchestrator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import com.bakeryia.deletion.UserTombstone;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import static com.bakeryia.orchestrator.JobStoreTables.at;

/**
 * Leases steps to workers and records what their attempts came to. Every write a worker makes
 * while holding a step is fenced by the step's lease owner and version, so a worker whose lease
 * expired (and whose step another worker took over) can no longer change it. Completing a step
 * locks its job row, so two steps finishing at once move the job on exactly once, as
 * {@link JobPlan#next} decides.
 */
class DeletionStepLeases {

    /** The audit trail's actor of what workers record. */
    static final String WORKER = "system:worker";

    private final JobStoreTables tables;
    private final Duration writeSettlePeriod;
    private final DeletionAudit audit;
    private final DeletionCertificates certificates;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param writeSettlePeriod how long after a job's creation its VERIFY steps become due at the
     *                          earliest ({@link OrchestratorProperties#writeSettlePeriod()})
     * @param certificates      issues a job's certificate in the transaction that completes it
     */
    DeletionStepLeases(JobStoreTables tables, Duration writeSettlePeriod, DeletionAudit audit,
                       DeletionCertificates certificates) {
        this.tables = tables;
        this.writeSettlePeriod = writeSettlePeriod;
        this.audit = audit;
        this.certificates = certificates;
    }

    /**
     * Leases up to {@code limit} due steps to {@code owner}: pending steps whose time has come, and
     * running steps whose lease expired (their worker died; that attempt is recorded as ABANDONED).
     * {@code for update skip locked} lets several workers claim side by side without taking the
     * same step.
     */
    List<LeasedStep> claim(String owner, int limit, Instant now, Duration lease) {
        if (limit <= 0) {
            return List.of();
        }
        var sql = tables.sql();
        List<LeasedStep> claimed = tables.transactions().execute(status -> {
            var params = new MapSqlParameterSource().addValue("owner", owner).addValue("limit", limit)
                    .addValue("now", at(now)).addValue("until", at(now.plus(lease)));
            List<LeasedStep> steps = sql.query("""
                    with due as (
                        select s.id from %1$s s join %2$s j on j.id = s.job_id
                        where j.status in ('PENDING', 'RUNNING')
                          and ((s.status = 'PENDING' and s.next_attempt_at <= :now)
                            or (s.status = 'RUNNING' and s.lease_expires_at < :now))
                        order by s.next_attempt_at
                        limit :limit
                        for update of s skip locked)
                    update %1$s s set status = 'RUNNING', attempts = s.attempts + 1, lease_owner = :owner,
                        lease_expires_at = :until, heartbeat_at = :now, version = s.version + 1,
                        started_at = coalesce(s.started_at, :now)
                    from due, %2$s j
                    where s.id = due.id and j.id = s.job_id
                    returning s.id, s.job_id, j.kind, j.subject_id, s.service, s.phase, s.attempts, s.attempt_limit, s.version
                    """.formatted(tables.steps(), tables.jobs()), params, (rs, n) -> new LeasedStep(
                    rs.getObject("id", UUID.class), rs.getObject("job_id", UUID.class), JobKind.valueOf(rs.getString("kind")),
                    rs.getObject("subject_id", UUID.class), rs.getString("service"), StepPhase.valueOf(rs.getString("phase")),
                    rs.getInt("attempts"), rs.getInt("attempt_limit"), rs.getLong("version"), owner));
            if (!steps.isEmpty()) {
                List<UUID> ids = steps.stream().map(LeasedStep::stepId).toList();
                Map<UUID, LeasedStep> byId = steps.stream().collect(Collectors.toMap(LeasedStep::stepId, step -> step));
                List<Map<String, Object>> abandoned = sql.queryForList("update " + tables.attempts()
                        + " set outcome = 'ABANDONED', error = 'worker stopped; its lease expired'"
                        + " where step_id in (:ids) and outcome is null returning step_id, attempt", Map.of("ids", ids));
                for (Map<String, Object> row : abandoned) {
                    LeasedStep step = byId.get((UUID) row.get("step_id"));
                    audit.append(now, DeletionAudit.Action.ATTEMPT, step, WORKER, DeletionAudit.details("service",
                            step.service(), "phase", step.phase().name(), "attempt", row.get("attempt"), "outcome", "ABANDONED"));
                }
                sql.batchUpdate("insert into " + tables.attempts() + " (step_id, attempt, worker, started_at)"
                        + " values (:step, :attempt, :worker, :now) on conflict (step_id, attempt) do nothing",
                        steps.stream().map(step -> new MapSqlParameterSource().addValue("step", step.stepId())
                                .addValue("attempt", step.attempt()).addValue("worker", owner).addValue("now", at(now)))
                                .toArray(MapSqlParameterSource[]::new));
            }
            return steps;
        });
        if (!claimed.isEmpty()) {
            // A transaction of its own: the claim above holds step locks, a completion takes the
            // job lock first and then its step; never both orders at once.
            Set<UUID> jobIds = claimed.stream().map(LeasedStep::jobId).collect(Collectors.toSet());
            // Job rows locked in id order, as a batch of completions locks them.
            sql.update("update " + tables.jobs() + " set status = 'RUNNING', started_at = coalesce(started_at, :now)"
                    + " where id in (select id from " + tables.jobs() + " where id in (:ids) and status = 'PENDING'"
                    + " order by id for update)", new MapSqlParameterSource()
                    .addValue("ids", jobIds).addValue("now", at(now)));
        }
        return claimed;
    }

    /** Extends the lease of a held step; false when the lease was lost (another worker took the step). */
    boolean heartbeat(LeasedStep step, Instant now, Duration lease) {
        return tables.sql().update("update " + tables.steps() + " set lease_expires_at = :until, heartbeat_at = :now"
                + " where id = :id and lease_owner = :owner and version = :version and status = 'RUNNING'",
                new MapSqlParameterSource().addValue("until", at(now.plus(lease))).addValue("now", at(now))
                        .addValue("id", step.stepId()).addValue("owner", step.owner()).addValue("version", step.version())) == 1;
    }

    /** What a step's completion did to its job. */
    enum JobTransition { NONE, NEXT_PHASE, COMPLETED, FAILED, LEASE_LOST }

    /** An attempt's outcome to record: what {@link #complete} takes. */
    record Completion(LeasedStep step, AttemptOutcome outcome, Duration duration, Duration retryDelay) {
    }

    /**
     * Records an attempt's outcome and moves the step (and, when it was the last one of its phase,
     * the job) on: success; a retry after {@code retryDelay}; or failure for good when the outcome
     * is not retryable or the attempts are used up. Fenced: does nothing when the lease was lost.
     */
    JobTransition complete(LeasedStep step, AttemptOutcome outcome, Duration duration, Duration retryDelay, Instant now) {
        return completeAll(List.of(new Completion(step, outcome, duration, retryDelay)), now).get(0);
    }

    /**
     * Records several outcomes as {@link #complete} does each, in one transaction: one commit (one
     * disk flush, one hold of the audit chain's lock) for the steps that ended together, where one
     * each would queue them behind each other's flushes. Each step, its attempt record and audit
     * entry, and what it does to its job are exactly what completing it alone would have written;
     * a step whose lease was lost writes nothing. Job rows are locked in id order, so two batches
     * never wait for each other in a cycle. Returns the transitions in the order given.
     */
    List<JobTransition> completeAll(List<Completion> completions, Instant now) {
        // In PostgreSQL's order of uuids (unsigned, as their text sorts), the order claim() locks jobs in.
        Map<UUID, List<Completion>> byJob = new TreeMap<>(Comparator.comparing(UUID::toString));
        completions.stream().sorted(Comparator.comparing((Completion c) -> c.step().stepId()))
                .forEach(completion -> byJob.computeIfAbsent(completion.step().jobId(), job -> new ArrayList<>())
                        .add(completion));
        Map<Completion, JobTransition> transitions = new IdentityHashMap<>();
        tables.transactions().executeWithoutResult(status -> {
            List<Runnable> appends = new ArrayList<>();
            for (Map.Entry<UUID, List<Completion>> job : byJob.entrySet()) {
                tables.sql().query("select id from " + tables.jobs() + " where id = :id for update",
                        Map.of("id", job.getKey()), rs -> { });
                Completion last = null;
                for (Completion completion : job.getValue()) {
                    boolean written = record(completion, now, appends);
                    transitions.put(completion, written ? JobTransition.NONE : JobTransition.LEASE_LOST);
                    last = written ? completion : last;
                }
                // Once per job, after its last step of the batch: an earlier one would find that
                // step still RUNNING and wait, so this is what completing them one by one decides.
                if (last != null) {
                    transitions.put(last, advance(last.step(), now, appends));
                }
            }
            // The audit chain's lock is taken last, when every row lock of this transaction is held
            // (every job's of the batch, their steps', and, for a user job, the rows that name the
            // erased user), so an append never waits for a row while others wait for the chain.
            appends.forEach(Runnable::run);
        });
        return completions.stream().map(transitions::get).toList();
    }

    /**
     * One completion, with its job row locked by the caller: false (nothing written) when the
     * lease was lost. The fenced step update is its first write; its audit entry goes to
     * {@code appends}, written once every row lock of the batch is held.
     */
    private boolean record(Completion completion, Instant now, List<Runnable> appends) {
        LeasedStep step = completion.step();
        AttemptOutcome outcome = completion.outcome();
        var sql = tables.sql();
        StepStatus next = outcome.succeeded() ? StepStatus.SUCCEEDED
                : outcome.retryable() && step.attempt() < step.attemptLimit() ? StepStatus.PENDING : StepStatus.FAILED;
        var params = new MapSqlParameterSource().addValue("id", step.stepId()).addValue("owner", step.owner())
                .addValue("version", step.version()).addValue("status", next.name())
                .addValue("next", at(next == StepStatus.PENDING ? now.plus(completion.retryDelay()) : now))
                .addValue("error", outcome.error()).addValue("now", at(now));
        String set = outcome.succeeded()
                ? "counts = cast(:counts as jsonb), items_deleted = :deleted, items_anonymised = :anonymised, last_error = null,"
                : "last_error = :error,";
        if (outcome.succeeded()) {
            params.addValue("counts", json.writeValueAsString(outcome.counts()))
                    .addValue("deleted", outcome.deleted()).addValue("anonymised", outcome.anonymised());
        }
        int updated = sql.update("update " + tables.steps() + " set status = :status, " + set + " next_attempt_at = :next,"
                + " lease_owner = null, lease_expires_at = null, version = version + 1,"
                + " completed_at = case when :status in ('SUCCEEDED', 'FAILED') then :now else completed_at end"
                + " where id = :id and lease_owner = :owner and version = :version and status = 'RUNNING'", params);
        if (updated == 0) {
            return false;
        }
        // Normally done right after the claim; repeated here in case that update was lost in a crash.
        sql.update("update " + tables.jobs() + " set status = 'RUNNING', started_at = coalesce(started_at, :now)"
                + " where id = :id and status = 'PENDING'", new MapSqlParameterSource()
                .addValue("id", step.jobId()).addValue("now", at(now)));
        long duration = completion.duration().toMillis();
        sql.update("update " + tables.attempts() + " set outcome = :outcome, duration_ms = :duration, error = :error"
                + " where step_id = :step and attempt = :attempt", new MapSqlParameterSource()
                .addValue("outcome", outcome.result().name()).addValue("duration", duration)
                .addValue("error", outcome.error()).addValue("step", step.stepId()).addValue("attempt", step.attempt()));
        appends.add(() -> audit.append(now, DeletionAudit.Action.ATTEMPT, step, WORKER, DeletionAudit.details(
                "service", step.service(), "phase", step.phase().name(), "attempt", step.attempt(),
                "outcome", outcome.result().name(), "duration_ms", duration,
                "deleted", outcome.succeeded() ? outcome.deleted() : null,
                "anonymised", outcome.succeeded() ? outcome.anonymised() : null, "step_status", next.name())));
        return true;
    }

    /** With the job row locked: does what {@link JobPlan#next} says. */
    private JobTransition advance(LeasedStep step, Instant now, List<Runnable> appends) {
        var sql = tables.sql();
        var params = new MapSqlParameterSource().addValue("job", step.jobId()).addValue("now", at(now));
        Map<StepPhase, Set<StepStatus>> statuses = new EnumMap<>(StepPhase.class);
        sql.query("select phase, status from " + tables.steps() + " where job_id = :job", params, rs -> {
            statuses.computeIfAbsent(StepPhase.valueOf(rs.getString("phase")), p -> EnumSet.noneOf(StepStatus.class))
                    .add(StepStatus.valueOf(rs.getString("status")));
        });
        List<String> dataServices = sql.queryForObject("select participants from " + tables.jobs() + " where id = :job",
                params, (rs, n) -> List.of((String[]) rs.getArray(1).getArray()));
        JobPlan.Next next = JobPlan.next(step.kind(), dataServices, statuses);
        if (next instanceof JobPlan.Next.Wait) {
            return JobTransition.NONE;
        }
        if (next instanceof JobPlan.Next.Fail) {
            sql.update("update " + tables.jobs() + " j set status = 'FAILED', completed_at = :now, error_summary = ("
                    + " select string_agg(s.service || ' ' || lower(s.phase) || ': ' || coalesce(s.last_error, 'failed'), '; '"
                    + " order by s.service) from " + tables.steps() + " s where s.job_id = j.id and s.status = 'FAILED')"
                    + " where j.id = :job", params);
            List<String> failed = sql.queryForList("select service || ' ' || phase from " + tables.steps()
                    + " where job_id = :job and status = 'FAILED' order by service, phase", params, String.class);
            appends.add(() -> audit.append(now, DeletionAudit.Action.FAILED, step, WORKER,
                    DeletionAudit.details("failed_steps", failed)));
            return JobTransition.FAILED;
        }
        if (next instanceof JobPlan.Next.Start start) {
            if (step.phase() == StepPhase.VERIFY || step.phase() == StepPhase.SCAN) {
                Long services = sql.queryForObject("select count(*) from " + tables.steps() + " where job_id = :job"
                        + " and phase = :phase", new MapSqlParameterSource(params.getValues())
                        .addValue("phase", step.phase().name()), Long.class);
                DeletionAudit.Action checked = step.phase() == StepPhase.VERIFY ? DeletionAudit.Action.VERIFIED
                        : DeletionAudit.Action.SCANNED;
                appends.add(() -> audit.append(now, checked, step, WORKER,
                        DeletionAudit.details("services", services, "remaining", 0)));
            }
            int attemptLimit = sql.queryForObject("select max(attempt_limit) from " + tables.steps()
                    + " where job_id = :job", params, Integer.class);
            tables.insertSteps(step.jobId(), start.phase(), attemptLimit, dueAt(start.phase().phase(), step.jobId(), now));
            return JobTransition.NEXT_PHASE;
        }
        Map<String, Object> totals = sql.queryForMap("update " + tables.jobs() + " j set status = 'COMPLETED',"
                + " completed_at = :now, error_summary = null,"
                + " total_items_deleted = (select coalesce(sum(items_deleted), 0) from " + tables.steps() + " where job_id = j.id),"
                + " total_items_anonymised = (select coalesce(sum(items_anonymised), 0) from " + tables.steps()
                + " where job_id = j.id) where j.id = :job returning total_items_deleted, total_items_anonymised", params);
        if (step.kind() == JobKind.USER) {
            forgetErasedUser(step.subjectId());
        }
        appends.add(() -> {
            String head = audit.append(now, DeletionAudit.Action.COMPLETED, step, WORKER, DeletionAudit.details(
                    "deleted", totals.get("total_items_deleted"), "anonymised", totals.get("total_items_anonymised"),
                    "retained", 0));
            // The certificate commits with the completion (one transaction): a crash before the commit
            // leaves neither, and the step's next attempt completes the job and issues it then.
            certificates.issue(step.jobId(), head, now);
        });
        return JobTransition.COMPLETED;
    }

    /**
     * When the steps of a phase that starts {@code now} become due. VERIFY is the final check that
     * nothing is left, so it waits until the write settle period has passed since the job was
     * created: the subject was marked before that (services refuse writes from then on), and a
     * write admitted just before the mark (in flight, or from a cached membership answer) has
     * landed by then, where the verification finds and deletes it instead of it outliving the job.
     */
    private Instant dueAt(StepPhase phase, UUID jobId, Instant now) {
        if (phase != StepPhase.VERIFY || writeSettlePeriod.isZero()) {
            return now;
        }
        Instant created = tables.sql().queryForObject("select created_at from " + tables.jobs() + " where id = :job",
                Map.of("job", jobId), (rs, n) -> JobStoreTables.instant(rs, "created_at"));
        Instant settled = created.plus(writeSettlePeriod);
        return settled.isAfter(now) ? settled : now;
    }

    /**
     * The job store's own part of a user's erasure, in the transaction that completes their job:
     * where the user appears as who asked for a deletion, or as the new owner a tenant was handed
     * to, the tombstone takes their place. The erased user stays only as the subject of the job
     * that erased them: the record that the erasure happened.
     */
    private void forgetErasedUser(UUID userId) {
        var params = new MapSqlParameterSource().addValue("user", userId).addValue("tombstone", UserTombstone.ID);
        tables.sql().update("update " + tables.jobs() + " set initiated_by = :tombstone where initiated_by = :user", params);
        tables.sql().update("update " + tables.ownedTenants() + " set new_owner_user_id = :tombstone"
                + " where new_owner_user_id = :user", params);
    }

    /**
     * Puts a held step back to PENDING until {@code now + delay} without counting the attempt:
     * the step waits for something else (a tenant job) rather than failing. Its attempt record is
     * dropped and the reason kept as the step's last error. Fenced like every write of a holder.
     */
    boolean defer(LeasedStep step, String reason, Duration delay, Instant now) {
        var sql = tables.sql();
        return tables.transactions().execute(status -> {
            int updated = sql.update("update " + tables.steps() + " set status = 'PENDING', attempts = attempts - 1,"
                    + " last_error = :reason, next_attempt_at = :next, lease_owner = null, lease_expires_at = null,"
                    + " version = version + 1 where id = :id and lease_owner = :owner and version = :version"
                    + " and status = 'RUNNING'", new MapSqlParameterSource().addValue("reason", reason)
                    .addValue("next", at(now.plus(delay))).addValue("id", step.stepId()).addValue("owner", step.owner())
                    .addValue("version", step.version()));
            if (updated == 1) {
                sql.update("delete from " + tables.attempts() + " where step_id = :step and attempt = :attempt",
                        Map.of("step", step.stepId(), "attempt", step.attempt()));
            }
            return updated == 1;
        });
    }
}
