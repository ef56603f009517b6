package com.bakeryia.orchestrator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import com.bakeryia.deletion.UserTombstone;
import com.bakeryia.orchestrator.job.JobKind;
import com.bakeryia.orchestrator.job.JobPlan;
import com.bakeryia.orchestrator.job.JobStoreTables;
import com.bakeryia.orchestrator.job.LeasedStep;
import com.bakeryia.orchestrator.job.StepPhase;
import com.bakeryia.orchestrator.job.StepStatus;
import com.bakeryia.orchestrator.proof.DeletionAudit;
import com.bakeryia.orchestrator.proof.DeletionCertificates;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import static com.bakeryia.orchestrator.job.JobStoreTables.at;

/**
 * Leases steps to workers and records what their attempts came to. Every write a worker makes
 * while holding a step is fenced by the step's lease owner and version, so a worker whose lease
 * expired (and whose step another worker took over) can no longer change it. Completing a step
 * locks its job row, so two steps finishing at once move the job on exactly once, as
 * {@link JobPlan#next} decides. A claim and a batch of completions each cost a few round trips and
 * one commit however many steps they hold: with many small jobs the bookkeeping, not the
 * deleting, is what a job costs.
 */
public class DeletionStepLeases {

    /** The audit trail's actor of what workers record. */
    static final String WORKER = DeletionAudit.WORKER;

    private final JobStoreTables tables;
    private final Duration writeSettlePeriod;
    private final DeletionAudit audit;
    private final DeletionCertificates certificates;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param writeSettlePeriod how long after a user job's creation its VERIFY steps become due at the
     *                          earliest ({@link OrchestratorProperties#writeSettlePeriod()}); tenant jobs are fenced
     * @param certificates      issues a job's certificate in the transaction that completes it
     */
    public DeletionStepLeases(JobStoreTables tables, Duration writeSettlePeriod, DeletionAudit audit,
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
     * same step. One statement claims the steps, opens their attempt records, closes the attempts
     * of a dead worker and marks PENDING jobs RUNNING: a claim is one round trip and one commit,
     * whatever it takes. The jobs are marked with {@code skip locked}: a claim holds step locks,
     * and a completion takes its job's lock before its step's, so a claim never waits for a job; a
     * job it skips is marked by the completion of its step ({@link #completeAll}). A RUNNING step
     * whose expired lease was its last allowed attempt is not claimed again:
     * {@link #abandonedForGood} fails it.
     */
    List<LeasedStep> claim(String owner, int limit, Instant now, Duration lease) {
        if (limit <= 0) {
            return List.of();
        }
        var sql = tables.sql();
        return tables.transactions().execute(status -> {
            var params = new MapSqlParameterSource().addValue("owner", owner).addValue("limit", limit)
                    .addValue("now", at(now)).addValue("until", at(now.plus(lease)));
            Map<UUID, Integer> abandoned = new HashMap<>();
            List<LeasedStep> steps = sql.query("""
                    with due as (
                        select s.id, s.status as was from %1$s s join %2$s j on j.id = s.job_id
                        where j.status in ('PENDING', 'RUNNING')
                          and ((s.status = 'PENDING' and s.next_attempt_at <= :now)
                            or (s.status = 'RUNNING' and s.lease_expires_at < :now and s.attempts < s.attempt_limit))
                        order by s.next_attempt_at
                        limit :limit
                        for update of s skip locked),
                    claimed as (
                        update %1$s s set status = 'RUNNING', attempts = s.attempts + 1, lease_owner = :owner,
                            lease_expires_at = :until, heartbeat_at = :now, version = s.version + 1,
                            started_at = coalesce(s.started_at, :now)
                        from due, %2$s j
                        where s.id = due.id and j.id = s.job_id
                        returning s.id, s.job_id, j.kind, j.subject_id, s.service, s.phase, s.attempts, s.attempt_limit,
                            s.version, due.was),
                    abandoned as (
                        update %3$s a set outcome = 'ABANDONED', error = 'worker stopped; its lease expired'
                        from claimed c where c.was = 'RUNNING' and a.step_id = c.id and a.outcome is null
                        returning a.step_id, a.attempt),
                    opened as (
                        insert into %3$s (step_id, attempt, worker, started_at)
                        select id, attempts, :owner, :now from claimed
                        on conflict (step_id, attempt) do nothing),
                    started as (
                        update %2$s set status = 'RUNNING', started_at = coalesce(started_at, :now)
                        where id in (select id from %2$s where id in (select job_id from claimed) and status = 'PENDING'
                            order by id for update skip locked))
                    select c.*, (select max(a.attempt) from abandoned a where a.step_id = c.id) as abandoned_attempt
                    from claimed c
                    """.formatted(tables.steps(), tables.jobs(), tables.attempts()), params, (rs, n) -> {
                        LeasedStep step = new LeasedStep(rs.getObject("id", UUID.class), rs.getObject("job_id", UUID.class),
                                JobKind.valueOf(rs.getString("kind")), rs.getObject("subject_id", UUID.class),
                                rs.getString("service"), StepPhase.valueOf(rs.getString("phase")), rs.getInt("attempts"),
                                rs.getInt("attempt_limit"), rs.getLong("version"), owner);
                        int attempt = rs.getInt("abandoned_attempt");
                        if (!rs.wasNull()) {
                            abandoned.put(step.stepId(), attempt);
                        }
                        return step;
                    });
            if (!abandoned.isEmpty()) {
                audit.appendAll(steps.stream().filter(step -> abandoned.containsKey(step.stepId()))
                        .map(step -> DeletionAudit.Pending.of(now, DeletionAudit.Action.ATTEMPT, step, WORKER,
                                DeletionAudit.details("service", step.service(), "phase", step.phase().name(),
                                        "attempt", abandoned.get(step.stepId()), "outcome", "ABANDONED")))
                        .toList());
            }
            return steps;
        });
    }

    /**
     * Up to {@code limit} steps whose worker stopped during their last allowed attempt: RUNNING,
     * the lease expired without an outcome, and no attempts left (an attempt whose lease expired
     * counts like any other: {@link #claim} increments {@code attempts} for each). Each is answered
     * as the completion its worker never recorded, an ABANDONED outcome with the lease it held
     * (owner and version), so {@link #completeAll} records it fenced like any holder's write: the
     * step FAILED with an error that says its worker stopped, and its job moved on the normal
     * failure path (FAILED once nothing else runs, counted by the gauges, retried automatically
     * after the retry interval). Two workers that find the same step both try; the fence lets one
     * write. Without this, a step that kills every process that runs it (out of memory, a liveness
     * probe) would be claimed again after every lease, by every replica, for ever.
     */
    List<Completion> abandonedForGood(Instant now, int limit) {
        return tables.sql().query("""
                select s.id, s.job_id, j.kind, j.subject_id, s.service, s.phase, s.attempts, s.attempt_limit,
                    s.version, s.lease_owner,
                    greatest(0, floor(extract(epoch from (coalesce(s.heartbeat_at, a.started_at) - a.started_at)) * 1000))
                        as alive_ms
                from %1$s s join %2$s j on j.id = s.job_id
                    left join %3$s a on a.step_id = s.id and a.attempt = s.attempts
                where s.status = 'RUNNING' and s.lease_expires_at < :now and s.attempts >= s.attempt_limit
                  and j.status in ('PENDING', 'RUNNING')
                order by s.lease_expires_at
                limit :limit
                """.formatted(tables.steps(), tables.jobs(), tables.attempts()),
                new MapSqlParameterSource().addValue("now", at(now)).addValue("limit", limit), (rs, n) -> {
                    LeasedStep step = new LeasedStep(rs.getObject("id", UUID.class), rs.getObject("job_id", UUID.class),
                            JobKind.valueOf(rs.getString("kind")), rs.getObject("subject_id", UUID.class),
                            rs.getString("service"), StepPhase.valueOf(rs.getString("phase")), rs.getInt("attempts"),
                            rs.getInt("attempt_limit"), rs.getLong("version"), rs.getString("lease_owner"));
                    return new Completion(step, AttemptOutcome.abandoned(step.service() + ": its worker stopped during"
                            + " attempt " + step.attempt() + " of " + step.attemptLimit() + " (the lease expired without"
                            + " an outcome: the process died, for example out of memory or killed by a liveness probe);"
                            + " no attempts left, so the step is not run again"),
                            Duration.ofMillis(rs.getLong("alive_ms")), Duration.ZERO);
                });
    }

    /** Extends the lease of a held step; false when the lease was lost (another worker took the step). */
    boolean heartbeat(LeasedStep step, Instant now, Duration lease) {
        return tables.sql().update("update " + tables.steps() + " set lease_expires_at = :until, heartbeat_at = :now"
                + " where id = :id and lease_owner = :owner and version = :version and status = 'RUNNING'",
                new MapSqlParameterSource().addValue("until", at(now.plus(lease))).addValue("now", at(now))
                        .addValue("id", step.stepId()).addValue("owner", step.owner()).addValue("version", step.version())) == 1;
    }

    /** What a step's completion did to its job. */
    enum JobTransition { NONE, NEXT_STEPS, COMPLETED, FAILED, LEASE_LOST }

    /** An attempt's outcome to record: what {@link #complete} takes. */
    record Completion(LeasedStep step, AttemptOutcome outcome, Duration duration, Duration retryDelay) {

        /** The step's status after this outcome: done, another attempt later, or failed for good. */
        StepStatus nextStatus() {
            return outcome.succeeded() ? StepStatus.SUCCEEDED
                    : outcome.retryable() && step.attempt() < step.attemptLimit() ? StepStatus.PENDING : StepStatus.FAILED;
        }
    }

    /**
     * Records an attempt's outcome and moves the step (and, when that decides it, the job) on:
     * success; a retry after {@code retryDelay}; or failure for good when the outcome is not
     * retryable or the attempts are used up. Fenced: does nothing when the lease was lost.
     */
    JobTransition complete(LeasedStep step, AttemptOutcome outcome, Duration duration, Duration retryDelay, Instant now) {
        return completeAll(List.of(new Completion(step, outcome, duration, retryDelay)), now).get(0);
    }

    /**
     * Records several outcomes as {@link #complete} does each, in one transaction of a few
     * statements, whatever the number of steps: the jobs' rows locked (in id order, the order
     * {@link #claim} locks them in, so two batches never wait for each other in a cycle), every
     * step with its attempt record in one statement, each job moved on as {@link JobPlan#next}
     * decides from one read of their steps, the new steps queued in one round trip, and every audit
     * entry appended in one hold of the chain's lock. One commit (one disk flush) for the steps
     * that ended together, where one each would queue them behind each other's flushes. Each step,
     * its attempt record and audit entry, and what it does to its job are exactly what completing
     * it alone would have written; a step whose lease was lost writes nothing. Returns the
     * transitions in the order given; a job's transition is reported on its last step of the batch.
     */
    List<JobTransition> completeAll(List<Completion> completions, Instant now) {
        return completeAll(completions, now, Taker.NOBODY).transitions();
    }

    /**
     * Who records a batch, and how many of the steps it queues that are due at once the recording
     * worker may take on itself: those are queued leased to it, RUNNING with their first attempt
     * open, as a claim would have left them, in the same transaction. The step after a step that
     * succeeded so starts without a claim of its own (a transaction and a disk flush) and without
     * waiting for the worker's next poll.
     */
    record Taker(String owner, int capacity, Duration lease) {

        static final Taker NOBODY = new Taker(null, 0, Duration.ZERO);
    }

    /** A batch's outcome: each completion's transition (in the order given), and the steps the taker now holds. */
    record Recorded(List<JobTransition> transitions, List<LeasedStep> taken) {
    }

    /** As {@link #completeAll(List, Instant)}, the recording worker taking on up to its capacity of the steps queued. */
    Recorded completeAll(List<Completion> completions, Instant now, Taker taker) {
        // In PostgreSQL's order of uuids (unsigned, as their text sorts), the order the jobs are locked in.
        Map<UUID, List<Completion>> byJob = new TreeMap<>(Comparator.comparing(UUID::toString));
        completions.stream().sorted(Comparator.comparing((Completion c) -> c.step().stepId()))
                .forEach(completion -> byJob.computeIfAbsent(completion.step().jobId(), job -> new ArrayList<>())
                        .add(completion));
        Map<Completion, JobTransition> transitions = new IdentityHashMap<>();
        List<LeasedStep> taken = new ArrayList<>();
        tables.transactions().executeWithoutResult(status -> {
            tables.sql().query("select id from " + tables.jobs() + " where id in (:ids) order by id for update",
                    Map.of("ids", byJob.keySet()), rs -> { });
            Set<UUID> written = recordAll(completions, now);
            Map<UUID, JobSteps> jobs = readJobs(byJob.keySet().stream().filter(job -> byJob.get(job).stream()
                    .anyMatch(completion -> written.contains(completion.step().stepId()))).toList());
            List<JobStoreTables.NewStep> queued = new ArrayList<>();
            List<DeletionAudit.Pending> appends = new ArrayList<>();
            for (Map.Entry<UUID, List<Completion>> job : byJob.entrySet()) {
                Completion last = null;
                for (Completion completion : job.getValue()) {
                    boolean recorded = written.contains(completion.step().stepId());
                    transitions.put(completion, recorded ? JobTransition.NONE : JobTransition.LEASE_LOST);
                    if (recorded) {
                        appends.add(attemptEntry(completion, now));
                        last = completion;
                    }
                }
                // Once per job, after its last step of the batch: what completing them one by one decides.
                if (last != null) {
                    transitions.put(last, advance(last.step(), jobs.get(job.getKey()), now, queued, appends));
                }
            }
            List<JobStoreTables.NewStep> take = new ArrayList<>();
            for (JobStoreTables.NewStep step : queued) {
                if (take.size() < taker.capacity() && !step.dueAt().isAfter(now)) {
                    take.add(step);
                }
            }
            List<JobStoreTables.NewStep> pending = new ArrayList<>(queued);
            pending.removeAll(take);
            if (!pending.isEmpty()) {
                tables.insertSteps(pending);
            }
            if (!take.isEmpty()) {
                Map<UUID, LeasedStep> ofJob = new HashMap<>();
                completions.forEach(completion -> ofJob.put(completion.step().jobId(), completion.step()));
                taken.addAll(tables.insertLeased(take, taker.owner(), now, taker.lease()).entrySet().stream()
                        .map(entry -> {
                            JobStoreTables.NewStep step = entry.getValue();
                            LeasedStep sibling = ofJob.get(step.jobId());
                            return new LeasedStep(entry.getKey(), step.jobId(), sibling.kind(), sibling.subjectId(),
                                    step.step().service(), step.step().phase(), 1, step.attemptLimit(),
                                    JobStoreTables.LEASED_VERSION, taker.owner());
                        }).toList());
            }
            // The audit chain's lock is taken last, when every row lock of this transaction is held
            // (every job's of the batch, their steps', and, for a user job, the rows that name the
            // erased user), so an append never waits for a row while others wait for the chain.
            if (!appends.isEmpty()) {
                audit.appendAll(appends);
            }
        });
        return new Recorded(completions.stream().map(transitions::get).toList(), taken);
    }

    /**
     * Writes every outcome, fenced by its lease, in one statement: the step, its attempt record,
     * and its job RUNNING (normally done by the claim, repeated here in case the claim skipped the
     * job or that update was lost in a crash). Answers the steps written: a step whose lease was
     * lost is not among them.
     */
    private Set<UUID> recordAll(List<Completion> completions, Instant now) {
        var params = new MapSqlParameterSource().addValue("now", at(now));
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < completions.size(); i++) {
            Completion completion = completions.get(i);
            LeasedStep step = completion.step();
            AttemptOutcome outcome = completion.outcome();
            StepStatus next = completion.nextStatus();
            params.addValue("id" + i, step.stepId()).addValue("owner" + i, step.owner())
                    .addValue("version" + i, step.version()).addValue("status" + i, next.name())
                    .addValue("next" + i, at(next == StepStatus.PENDING ? now.plus(completion.retryDelay()) : now))
                    .addValue("ok" + i, outcome.succeeded())
                    .addValue("counts" + i, outcome.succeeded() ? json.writeValueAsString(outcome.counts()) : "{}")
                    .addValue("deleted" + i, outcome.deleted()).addValue("anonymised" + i, outcome.anonymised())
                    .addValue("error" + i, outcome.error()).addValue("outcome" + i, outcome.result().name())
                    .addValue("duration" + i, completion.duration().toMillis()).addValue("attempt" + i, step.attempt());
            values.append(i == 0 ? "" : ", ").append(("(cast(:id%1$d as uuid), cast(:owner%1$d as text), cast(:version%1$d as bigint),"
                    + " cast(:status%1$d as text), cast(:next%1$d as timestamptz), cast(:ok%1$d as boolean),"
                    + " cast(:counts%1$d as jsonb), cast(:deleted%1$d as bigint), cast(:anonymised%1$d as bigint),"
                    + " cast(:error%1$d as text), cast(:outcome%1$d as text), cast(:duration%1$d as bigint),"
                    + " cast(:attempt%1$d as int))").formatted(i));
        }
        List<UUID> written = tables.sql().queryForList("""
                with v (id, owner, version, status, next_at, ok, counts, deleted, anonymised, error, outcome, duration, attempt)
                    as (values %4$s),
                recorded as (
                    update %1$s s set status = v.status,
                        counts = case when v.ok then v.counts else s.counts end,
                        items_deleted = case when v.ok then v.deleted else s.items_deleted end,
                        items_anonymised = case when v.ok then v.anonymised else s.items_anonymised end,
                        last_error = case when v.ok then null else v.error end,
                        next_attempt_at = v.next_at, lease_owner = null, lease_expires_at = null, version = s.version + 1,
                        completed_at = case when v.status in ('SUCCEEDED', 'FAILED') then :now else s.completed_at end
                    from v
                    where s.id = v.id and s.lease_owner = v.owner and s.version = v.version and s.status = 'RUNNING'
                    returning s.id, s.job_id),
                attempted as (
                    update %3$s a set outcome = v.outcome, duration_ms = v.duration, error = v.error
                    from v join recorded r on r.id = v.id
                    where a.step_id = v.id and a.attempt = v.attempt),
                started as (
                    update %2$s set status = 'RUNNING', started_at = coalesce(started_at, :now)
                    where id in (select job_id from recorded) and status = 'PENDING')
                select id from recorded
                """.formatted(tables.steps(), tables.jobs(), tables.attempts(), values), params, UUID.class);
        return Set.copyOf(written);
    }

    private static DeletionAudit.Pending attemptEntry(Completion completion, Instant now) {
        LeasedStep step = completion.step();
        AttemptOutcome outcome = completion.outcome();
        return DeletionAudit.Pending.of(now, DeletionAudit.Action.ATTEMPT, step, WORKER, DeletionAudit.details(
                "service", step.service(), "phase", step.phase().name(), "attempt", step.attempt(),
                "outcome", outcome.result().name(), "duration_ms", completion.duration().toMillis(),
                "deleted", outcome.succeeded() ? outcome.deleted() : null,
                "anonymised", outcome.succeeded() ? outcome.anonymised() : null,
                "step_status", completion.nextStatus().name()));
    }

    /** A job as its next move is decided: its data services, creation time and every step's status. */
    private record JobSteps(List<String> dataServices, int plan, Instant createdAt, int attemptLimit,
                            Map<JobPlan.StepKey, StepStatus> statuses) {
    }

    /** The jobs' steps, in one read, in the transaction that holds the jobs' locks and wrote their outcomes. */
    private Map<UUID, JobSteps> readJobs(List<UUID> jobIds) {
        Map<UUID, JobSteps> jobs = new HashMap<>();
        if (jobIds.isEmpty()) {
            return jobs;
        }
        tables.sql().query("select j.id, j.participants, j.plan_version, j.created_at, s.phase, s.service, s.status,"
                + " max(s.attempt_limit) over (partition by j.id) as attempt_limit"
                + " from " + tables.jobs() + " j join " + tables.steps() + " s on s.job_id = j.id where j.id in (:ids)",
                Map.of("ids", jobIds), rs -> {
                    JobSteps job = jobs.get(rs.getObject("id", UUID.class));
                    if (job == null) {
                        job = new JobSteps(List.of((String[]) rs.getArray("participants").getArray()),
                                rs.getInt("plan_version"), JobStoreTables.instant(rs, "created_at"),
                                rs.getInt("attempt_limit"), new HashMap<>());
                        jobs.put(rs.getObject("id", UUID.class), job);
                    }
                    job.statuses().put(new JobPlan.StepKey(StepPhase.valueOf(rs.getString("phase")), rs.getString("service")),
                            StepStatus.valueOf(rs.getString("status")));
                });
        return jobs;
    }

    /**
     * With the job row locked and its outcomes of the batch written: does what {@link JobPlan#next}
     * says, queueing new steps in {@code queued} and audit entries in {@code appends}.
     */
    private JobTransition advance(LeasedStep step, JobSteps job, Instant now, List<JobStoreTables.NewStep> queued,
                                  List<DeletionAudit.Pending> appends) {
        var sql = tables.sql();
        var params = new MapSqlParameterSource().addValue("job", step.jobId()).addValue("now", at(now));
        JobPlan.Next next = JobPlan.next(step.kind(), job.dataServices(), job.plan(), job.statuses());
        if (next instanceof JobPlan.Next.Wait) {
            return JobTransition.NONE;
        }
        if (next instanceof JobPlan.Next.Fail) {
            List<String> failed = sql.queryForList("update " + tables.jobs() + " j set status = 'FAILED', completed_at = :now,"
                    + " error_summary = (select string_agg(s.service || ' ' || lower(s.phase) || ': '"
                    + " || coalesce(s.last_error, 'failed'), '; ' order by s.service) from " + tables.steps() + " s"
                    + " where s.job_id = j.id and s.status = 'FAILED') where j.id = :job"
                    + " returning (select array_to_string(array_agg(s.service || ' ' || s.phase order by s.service, s.phase), ',')"
                    + " from " + tables.steps() + " s where s.job_id = j.id and s.status = 'FAILED')", params, String.class);
            appends.add(DeletionAudit.Pending.of(now, DeletionAudit.Action.FAILED, step, WORKER,
                    DeletionAudit.details("failed_steps", List.of(failed.get(0).split(",")))));
            return JobTransition.FAILED;
        }
        if (next instanceof JobPlan.Next.Start start) {
            if (start.completesSweep()) {
                long swept = job.statuses().keySet().stream().filter(key -> key.phase() == StepPhase.VERIFY).count();
                appends.add(DeletionAudit.Pending.of(now, DeletionAudit.Action.VERIFIED, step, WORKER,
                        DeletionAudit.details("services", swept, "remaining", 0)));
                appends.add(DeletionAudit.Pending.of(now, DeletionAudit.Action.SCANNED, step, WORKER,
                        DeletionAudit.details("services", swept, "remaining", 0)));
            }
            for (JobPlan.StepKey key : start.steps()) {
                queued.add(new JobStoreTables.NewStep(step.jobId(), key, job.attemptLimit(),
                        dueAt(step.kind(), key.phase(), job.createdAt(), now)));
            }
            return JobTransition.NEXT_STEPS;
        }
        Map<String, Object> totals = sql.queryForMap("update " + tables.jobs() + " j set status = 'COMPLETED',"
                + " completed_at = :now, error_summary = null,"
                + " total_items_deleted = (select coalesce(sum(items_deleted), 0) from " + tables.steps() + " where job_id = j.id),"
                + " total_items_anonymised = (select coalesce(sum(items_anonymised), 0) from " + tables.steps()
                + " where job_id = j.id) where j.id = :job returning total_items_deleted, total_items_anonymised", params);
        if (step.kind() == JobKind.USER) {
            forgetErasedUser(step.subjectId());
        }
        // The certificate commits with the completion (one transaction): a crash before the commit
        // leaves neither, and the step's next attempt completes the job and issues it then.
        appends.add(new DeletionAudit.Pending(now, DeletionAudit.Action.COMPLETED, step.jobId(), step.kind(),
                step.subjectId(), WORKER, DeletionAudit.details("deleted", totals.get("total_items_deleted"),
                "anonymised", totals.get("total_items_anonymised"), "retained", 0),
                head -> certificates.issue(step.jobId(), head, now)));
        return JobTransition.COMPLETED;
    }

    /**
     * When a step of {@code phase} queued {@code now} becomes due. A tenant job's VERIFY is due at
     * once: its DELETE step fenced the tenant in that service before deleting
     * ({@code platform.deletion.WriteFence}), so no write of the tenant can land there after it, and
     * there is nothing to wait for. A user job's VERIFY (writes naming a person are not fenced) waits
     * until the write settle period has passed since the job was created: the account was locked
     * before that, and a write admitted just before (in flight, or from a cached membership answer)
     * has landed by then, where the verification finds it.
     */
    private Instant dueAt(JobKind kind, StepPhase phase, Instant jobCreated, Instant now) {
        if (kind != JobKind.USER || phase != StepPhase.VERIFY || writeSettlePeriod.isZero()) {
            return now;
        }
        Instant settled = jobCreated.plus(writeSettlePeriod);
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
