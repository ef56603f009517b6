package com.bakeryia.orchestrator;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.bakeryia.platform.data.ServiceDatabase;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The job store: jobs, their steps and every attempt, in the host's schema. Every write a worker
 * makes while holding a step is fenced by the step's lease owner and version, so a worker whose
 * lease expired (and whose step another worker took over) can no longer change it. Phase changes
 * happen with the job row locked, so two steps finishing at once advance the job exactly once.
 */
class DeletionJobStore {

    private static final TypeReference<Map<String, Map<String, Long>>> COUNTS = new TypeReference<>() { };
    private static final Set<StepStatus> ACTIVE = Set.of(StepStatus.PENDING, StepStatus.RUNNING);

    /** The service name of a tenant job's final step. */
    static final String TENANT_RECORD_SERVICE = "tenant";

    private final ServiceDatabase database;
    private final NamedParameterJdbcTemplate sql;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String jobs;
    private final String steps;
    private final String attempts;

    DeletionJobStore(ServiceDatabase database) {
        this.database = database;
        this.sql = database.namedJdbc();
        this.jobs = database.schema() + ".deletion_jobs";
        this.steps = database.schema() + ".deletion_steps";
        this.attempts = database.schema() + ".deletion_step_attempts";
    }

    /** A job that was found or created; {@code created} is false when an unfinished one already existed. */
    record StartedJob(UUID jobId, boolean created) {
    }

    /**
     * Creates a job with one DELETE step per participant, unless the subject already has an
     * unfinished job, which is returned instead. The unique partial index decides between two
     * concurrent callers: the loser's insert does nothing and it reads the winner's job.
     */
    StartedJob startOrFind(JobKind kind, UUID subjectId, UUID initiatedBy, String initiatingService,
                           List<String> participants, int attemptLimit, Instant now) {
        for (int tries = 0; ; tries++) {
            StartedJob job = database.transactions().execute(status -> {
                UUID jobId = UUID.randomUUID();
                int inserted = sql.update("insert into " + jobs + " (id, kind, subject_id, status, initiated_by,"
                        + " initiating_service, created_at) values (:id, :kind, :subject, 'PENDING', :user, :service, :now)"
                        + " on conflict (kind, subject_id) where status <> 'COMPLETED' do nothing", new MapSqlParameterSource()
                        .addValue("id", jobId).addValue("kind", kind.name()).addValue("subject", subjectId)
                        .addValue("user", initiatedBy).addValue("service", initiatingService).addValue("now", at(now)));
                if (inserted == 0) {
                    return unfinishedJob(kind, subjectId).map(existing -> new StartedJob(existing, false)).orElse(null);
                }
                if (participants.isEmpty()) {
                    insertSteps(jobId, List.of(finalService(kind)), StepPhase.FINAL, attemptLimit, now);
                } else {
                    insertSteps(jobId, participants, StepPhase.DELETE, attemptLimit, now);
                }
                return new StartedJob(jobId, true);
            });
            if (job != null) {
                return job;
            }
            if (tries > 5) {
                throw new IllegalStateException("Could not start or find a deletion job for " + subjectId);
            }
            // The conflicting job completed between our insert and our read: try again.
        }
    }

    private Optional<UUID> unfinishedJob(JobKind kind, UUID subjectId) {
        return sql.query("select id from " + jobs + " where kind = :kind and subject_id = :subject and status <> 'COMPLETED'",
                Map.of("kind", kind.name(), "subject", subjectId), (rs, n) -> rs.getObject(1, UUID.class)).stream().findFirst();
    }

    private void insertSteps(UUID jobId, List<String> services, StepPhase phase, int attemptLimit, Instant now) {
        var batch = services.stream().map(service -> new MapSqlParameterSource()
                .addValue("id", UUID.randomUUID()).addValue("job", jobId).addValue("service", service)
                .addValue("phase", phase.name()).addValue("limit", attemptLimit).addValue("now", at(now)))
                .toArray(MapSqlParameterSource[]::new);
        sql.batchUpdate("insert into " + steps + " (id, job_id, service, phase, status, attempt_limit, next_attempt_at)"
                + " values (:id, :job, :service, :phase, 'PENDING', :limit, :now)", batch);
    }

    private static String finalService(JobKind kind) {
        return kind == JobKind.TENANT ? TENANT_RECORD_SERVICE : "auth";
    }

    /**
     * A step reserved by one worker until {@code leaseExpiresAt}.
     *
     * @param attempt the number of the attempt this claim starts
     * @param version the fencing token: every later write of the holder names it
     */
    record ClaimedStep(UUID stepId, UUID jobId, JobKind kind, UUID subjectId, String service, StepPhase phase,
                       int attempt, int attemptLimit, long version, String owner) {
    }

    /**
     * Claims up to {@code limit} due steps for {@code owner}: pending steps whose time has come,
     * and running steps whose lease expired (their worker died; that attempt is recorded as
     * ABANDONED). {@code for update skip locked} lets several workers claim side by side without
     * taking the same step.
     */
    List<ClaimedStep> claim(String owner, int limit, Instant now, Duration lease) {
        if (limit <= 0) {
            return List.of();
        }
        List<ClaimedStep> claimed = database.transactions().execute(status -> {
            var params = new MapSqlParameterSource().addValue("owner", owner).addValue("limit", limit)
                    .addValue("now", at(now)).addValue("until", at(now.plus(lease)));
            List<ClaimedStep> steps = sql.query("""
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
                    """.formatted(this.steps, jobs), params, (rs, n) -> new ClaimedStep(
                    rs.getObject("id", UUID.class), rs.getObject("job_id", UUID.class), JobKind.valueOf(rs.getString("kind")),
                    rs.getObject("subject_id", UUID.class), rs.getString("service"), StepPhase.valueOf(rs.getString("phase")),
                    rs.getInt("attempts"), rs.getInt("attempt_limit"), rs.getLong("version"), owner));
            if (!steps.isEmpty()) {
                List<UUID> ids = steps.stream().map(ClaimedStep::stepId).toList();
                sql.update("update " + attempts + " set outcome = 'ABANDONED', error = 'worker stopped; its lease expired'"
                        + " where step_id in (:ids) and outcome is null", Map.of("ids", ids));
                sql.batchUpdate("insert into " + attempts + " (step_id, attempt, worker, started_at)"
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
            Set<UUID> jobIds = claimed.stream().map(ClaimedStep::jobId).collect(Collectors.toSet());
            sql.update("update " + jobs + " set status = 'RUNNING', started_at = coalesce(started_at, :now)"
                    + " where id in (:ids) and status = 'PENDING'", new MapSqlParameterSource()
                    .addValue("ids", jobIds).addValue("now", at(now)));
        }
        return claimed;
    }

    /** Extends the lease of a held step; false when the lease was lost (another worker took the step). */
    boolean heartbeat(ClaimedStep step, Instant now, Duration lease) {
        return sql.update("update " + steps + " set lease_expires_at = :until, heartbeat_at = :now"
                + " where id = :id and lease_owner = :owner and version = :version and status = 'RUNNING'",
                new MapSqlParameterSource().addValue("until", at(now.plus(lease))).addValue("now", at(now))
                        .addValue("id", step.stepId()).addValue("owner", step.owner()).addValue("version", step.version())) == 1;
    }

    /** What one attempt of a step came to. */
    record AttemptOutcome(Outcome outcome, boolean retryable, Map<String, Map<String, Long>> counts, long itemsDeleted,
                          long itemsAnonymised, String error, long durationMs) {

        enum Outcome { SUCCEEDED, FAILED, TIMED_OUT }

        boolean succeeded() {
            return outcome == Outcome.SUCCEEDED;
        }
    }

    /** What a step's completion did to its job. */
    enum JobTransition { NONE, NEXT_PHASE, COMPLETED, FAILED, LEASE_LOST }

    /**
     * Records an attempt's outcome and moves the step (and, when it was the last one of its phase,
     * the job) on: success; a retry after {@code retryDelay}; or failure for good when the outcome
     * is not retryable or the attempts are used up. Fenced: does nothing when the lease was lost.
     */
    JobTransition complete(ClaimedStep step, AttemptOutcome outcome, Duration retryDelay, Instant now) {
        return database.transactions().execute(status -> {
            sql.query("select id from " + jobs + " where id = :id for update", Map.of("id", step.jobId()), rs -> { });
            // Normally done right after the claim; repeated here in case that update was lost in a crash.
            sql.update("update " + jobs + " set status = 'RUNNING', started_at = coalesce(started_at, :now)"
                    + " where id = :id and status = 'PENDING'", new MapSqlParameterSource()
                    .addValue("id", step.jobId()).addValue("now", at(now)));
            StepStatus next = outcome.succeeded() ? StepStatus.SUCCEEDED
                    : outcome.retryable() && step.attempt() < step.attemptLimit() ? StepStatus.PENDING : StepStatus.FAILED;
            var params = new MapSqlParameterSource().addValue("id", step.stepId()).addValue("owner", step.owner())
                    .addValue("version", step.version()).addValue("status", next.name())
                    .addValue("next", at(next == StepStatus.PENDING ? now.plus(retryDelay) : now))
                    .addValue("error", outcome.error()).addValue("now", at(now));
            String set = outcome.succeeded()
                    ? "counts = cast(:counts as jsonb), items_deleted = :deleted, items_anonymised = :anonymised, last_error = null,"
                    : "last_error = :error,";
            if (outcome.succeeded()) {
                params.addValue("counts", json.writeValueAsString(outcome.counts()))
                        .addValue("deleted", outcome.itemsDeleted()).addValue("anonymised", outcome.itemsAnonymised());
            }
            int updated = sql.update("update " + steps + " set status = :status, " + set + " next_attempt_at = :next,"
                    + " lease_owner = null, lease_expires_at = null, version = version + 1,"
                    + " completed_at = case when :status in ('SUCCEEDED', 'FAILED') then :now else completed_at end"
                    + " where id = :id and lease_owner = :owner and version = :version and status = 'RUNNING'", params);
            if (updated == 0) {
                status.setRollbackOnly();
                return JobTransition.LEASE_LOST;
            }
            sql.update("update " + attempts + " set outcome = :outcome, duration_ms = :duration, error = :error"
                    + " where step_id = :step and attempt = :attempt", new MapSqlParameterSource()
                    .addValue("outcome", outcome.outcome().name()).addValue("duration", outcome.durationMs())
                    .addValue("error", outcome.error()).addValue("step", step.stepId()).addValue("attempt", step.attempt()));
            return advance(step.jobId(), step.kind(), now);
        });
    }

    /** With the job row locked: when no step is active, fail the job, start the next phase, or complete it. */
    private JobTransition advance(UUID jobId, JobKind kind, Instant now) {
        Map<StepPhase, Map<StepStatus, List<String>>> byPhase = new EnumMap<>(StepPhase.class);
        sql.query("select service, phase, status from " + steps + " where job_id = :job order by service",
                Map.of("job", jobId), rs -> {
                    byPhase.computeIfAbsent(StepPhase.valueOf(rs.getString("phase")), p -> new EnumMap<>(StepStatus.class))
                            .computeIfAbsent(StepStatus.valueOf(rs.getString("status")), s -> new ArrayList<>())
                            .add(rs.getString("service"));
                });
        boolean active = byPhase.values().stream().anyMatch(statuses -> ACTIVE.stream().anyMatch(statuses::containsKey));
        if (active) {
            return JobTransition.NONE;
        }
        boolean failed = byPhase.values().stream().anyMatch(statuses -> statuses.containsKey(StepStatus.FAILED));
        var params = new MapSqlParameterSource().addValue("job", jobId).addValue("now", at(now));
        if (failed) {
            sql.update("update " + jobs + " j set status = 'FAILED', completed_at = :now, error_summary = ("
                    + " select string_agg(s.service || ' ' || lower(s.phase) || ': ' || coalesce(s.last_error, 'failed'), '; '"
                    + " order by s.service) from " + steps + " s where s.job_id = j.id and s.status = 'FAILED')"
                    + " where j.id = :job", params);
            return JobTransition.FAILED;
        }
        if (byPhase.containsKey(StepPhase.FINAL)) {
            sql.update("update " + jobs + " j set status = 'COMPLETED', completed_at = :now, error_summary = null,"
                    + " total_items_deleted = (select coalesce(sum(items_deleted), 0) from " + steps + " where job_id = j.id),"
                    + " total_items_anonymised = (select coalesce(sum(items_anonymised), 0) from " + steps + " where job_id = j.id)"
                    + " where j.id = :job", params);
            return JobTransition.COMPLETED;
        }
        int attemptLimit = sql.queryForObject("select max(attempt_limit) from " + steps + " where job_id = :job",
                params, Integer.class);
        if (byPhase.containsKey(StepPhase.PREPARE) && !byPhase.containsKey(StepPhase.DELETE)
                && !byPhase.containsKey(StepPhase.VERIFY)) {
            // A user job's preparation is done: its data participants were kept on the job until now.
            List<String> participants = sql.queryForObject("select coalesce(participants, '{}') from " + jobs
                    + " where id = :job", params, (rs, n) -> List.of((String[]) rs.getArray(1).getArray()));
            if (participants.isEmpty()) {
                insertSteps(jobId, List.of(finalService(kind)), StepPhase.FINAL, attemptLimit, now);
            } else {
                insertSteps(jobId, participants, StepPhase.DELETE, attemptLimit, now);
            }
            return JobTransition.NEXT_PHASE;
        }
        if (byPhase.containsKey(StepPhase.VERIFY)) {
            insertSteps(jobId, List.of(finalService(kind)), StepPhase.FINAL, attemptLimit, now);
        } else {
            insertSteps(jobId, byPhase.get(StepPhase.DELETE).get(StepStatus.SUCCEEDED), StepPhase.VERIFY, attemptLimit, now);
        }
        return JobTransition.NEXT_PHASE;
    }

    /** What a user job does with one tenant the user owns. */
    record OwnedTenantPlan(UUID tenantId, boolean delete, UUID newOwnerId) {
    }

    /** An owned tenant of a user job, with the tenant job started for it and whether it is handled. */
    record OwnedTenant(UUID tenantId, boolean delete, UUID newOwnerId, UUID tenantJobId, boolean done) {
    }

    /**
     * Creates a user job, unless the user already has an unfinished one, which is returned instead:
     * a PREPARE step (owned tenants, then memberships) whose success queues one DELETE step per
     * participant, then VERIFY, then the {@code auth} FINAL step. Kept apart from
     * {@link #startOrFind} because only user jobs carry owned tenants and deferred participants.
     */
    StartedJob startUserJob(UUID userId, UUID initiatedBy, String initiatingService, List<String> participants,
                            List<OwnedTenantPlan> ownedTenants, int attemptLimit, Instant now) {
        for (int tries = 0; ; tries++) {
            StartedJob job = database.transactions().execute(status -> {
                UUID jobId = UUID.randomUUID();
                int inserted = sql.update("insert into " + jobs + " (id, kind, subject_id, status, initiated_by,"
                        + " initiating_service, created_at, participants) values (:id, 'USER', :subject, 'PENDING', :user,"
                        + " :service, :now, cast(:participants as text[]))"
                        + " on conflict (kind, subject_id) where status <> 'COMPLETED' do nothing", new MapSqlParameterSource()
                        .addValue("id", jobId).addValue("subject", userId).addValue("user", initiatedBy)
                        .addValue("service", initiatingService).addValue("now", at(now))
                        .addValue("participants", "{" + String.join(",", participants) + "}"));
                if (inserted == 0) {
                    return unfinishedJob(JobKind.USER, userId).map(existing -> new StartedJob(existing, false)).orElse(null);
                }
                sql.batchUpdate("insert into " + database.schema() + ".deletion_job_owned_tenants (job_id, tenant_id, action,"
                        + " new_owner_user_id) values (:job, :tenant, :action, :owner)", ownedTenants.stream()
                        .map(plan -> new MapSqlParameterSource().addValue("job", jobId).addValue("tenant", plan.tenantId())
                                .addValue("action", plan.delete() ? "DELETE" : "TRANSFER").addValue("owner", plan.newOwnerId()))
                        .toArray(MapSqlParameterSource[]::new));
                insertSteps(jobId, List.of(TENANT_RECORD_SERVICE), StepPhase.PREPARE, attemptLimit, now);
                return new StartedJob(jobId, true);
            });
            if (job != null) {
                return job;
            }
            if (tries > 5) {
                throw new IllegalStateException("Could not start or find a deletion job for user " + userId);
            }
        }
    }

    List<OwnedTenant> ownedTenants(UUID jobId) {
        return sql.query("select * from " + database.schema() + ".deletion_job_owned_tenants where job_id = :job"
                + " order by tenant_id", Map.of("job", jobId), (rs, n) -> new OwnedTenant(rs.getObject("tenant_id", UUID.class),
                "DELETE".equals(rs.getString("action")), rs.getObject("new_owner_user_id", UUID.class),
                rs.getObject("tenant_job_id", UUID.class), rs.getObject("done_at") != null));
    }

    void ownedTenantJobStarted(UUID jobId, UUID tenantId, UUID tenantJobId) {
        sql.update("update " + database.schema() + ".deletion_job_owned_tenants set tenant_job_id = :tenantJob"
                + " where job_id = :job and tenant_id = :tenant", new MapSqlParameterSource().addValue("tenantJob", tenantJobId)
                .addValue("job", jobId).addValue("tenant", tenantId));
    }

    void ownedTenantDone(UUID jobId, UUID tenantId, Instant now) {
        sql.update("update " + database.schema() + ".deletion_job_owned_tenants set done_at = coalesce(done_at, :now)"
                + " where job_id = :job and tenant_id = :tenant", new MapSqlParameterSource().addValue("now", at(now))
                .addValue("job", jobId).addValue("tenant", tenantId));
    }

    /** The status of a job, or empty when there is no such job. */
    Optional<JobStatus> status(UUID jobId) {
        return sql.query("select status from " + jobs + " where id = :id", Map.of("id", jobId),
                (rs, n) -> JobStatus.valueOf(rs.getString(1))).stream().findFirst();
    }

    /**
     * Puts a held step back to PENDING until {@code now + delay} without counting the attempt:
     * the step waits for something else (a tenant job) rather than failing. Its attempt record is
     * dropped and the reason kept as the step's last error. Fenced like every write of a holder.
     */
    boolean defer(ClaimedStep step, String reason, Duration delay, Instant now) {
        return database.transactions().execute(status -> {
            int updated = sql.update("update " + steps + " set status = 'PENDING', attempts = attempts - 1,"
                    + " last_error = :reason, next_attempt_at = :next, lease_owner = null, lease_expires_at = null,"
                    + " version = version + 1 where id = :id and lease_owner = :owner and version = :version"
                    + " and status = 'RUNNING'", new MapSqlParameterSource().addValue("reason", reason)
                    .addValue("next", at(now.plus(delay))).addValue("id", step.stepId()).addValue("owner", step.owner())
                    .addValue("version", step.version()));
            if (updated == 1) {
                sql.update("delete from " + attempts + " where step_id = :step and attempt = :attempt",
                        Map.of("step", step.stepId(), "attempt", step.attempt()));
            }
            return updated == 1;
        });
    }

    /** What a retry request found. */
    enum RetryResult { RETRIED, NOT_FOUND, NOT_FAILED }

    /**
     * Puts a FAILED job back to work: its failed steps become pending again, each allowed
     * {@code attempts} more attempts; steps that succeeded are not run again.
     */
    RetryResult retry(UUID jobId, int extraAttempts, Instant now) {
        return database.transactions().execute(status -> {
            List<String> found = sql.query("select status from " + jobs + " where id = :id for update",
                    Map.of("id", jobId), (rs, n) -> rs.getString(1));
            if (found.isEmpty()) {
                return RetryResult.NOT_FOUND;
            }
            if (!JobStatus.FAILED.name().equals(found.get(0))) {
                return RetryResult.NOT_FAILED;
            }
            var params = new MapSqlParameterSource().addValue("job", jobId).addValue("now", at(now))
                    .addValue("extra", extraAttempts);
            sql.update("update " + steps + " set status = 'PENDING', attempt_limit = attempts + :extra,"
                    + " next_attempt_at = :now, completed_at = null, version = version + 1"
                    + " where job_id = :job and status = 'FAILED'", params);
            sql.update("update " + jobs + " set status = 'RUNNING', completed_at = null, error_summary = null"
                    + " where id = :job", params);
            return RetryResult.RETRIED;
        });
    }

    Optional<DeletionJobSummary> find(UUID jobId, Instant now) {
        return summaries("where id = :id", new MapSqlParameterSource("id", jobId), now).stream().findFirst();
    }

    /** Newest first; either filter may be null. */
    List<DeletionJobSummary> list(UUID subjectId, JobStatus status, int limit, Instant now) {
        var params = new MapSqlParameterSource().addValue("subject", subjectId)
                .addValue("status", status == null ? null : status.name()).addValue("limit", limit);
        return summaries("where (cast(:subject as uuid) is null or subject_id = :subject)"
                + " and (cast(:status as text) is null or status = :status) order by created_at desc limit :limit", params, now);
    }

    private List<DeletionJobSummary> summaries(String where, MapSqlParameterSource params, Instant now) {
        List<JobRow> rows = sql.query("select * from " + jobs + " " + where, params, (rs, n) -> JobRow.of(rs));
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> jobIds = rows.stream().map(JobRow::id).toList();
        Map<UUID, List<DeletionJobSummary.Attempt>> attemptsByStep = new LinkedHashMap<>();
        sql.query("select a.* from " + attempts + " a join " + steps + " s on s.id = a.step_id where s.job_id in (:ids)"
                + " order by a.step_id, a.attempt", Map.of("ids", jobIds), rs -> {
                    attemptsByStep.computeIfAbsent(rs.getObject("step_id", UUID.class), id -> new ArrayList<>())
                            .add(new DeletionJobSummary.Attempt(rs.getInt("attempt"), rs.getString("worker"),
                                    instant(rs, "started_at"), (Long) rs.getObject("duration_ms"), rs.getString("outcome"),
                                    rs.getString("error")));
                });
        Map<UUID, List<DeletionJobSummary.StepResult>> stepsByJob = new LinkedHashMap<>();
        sql.query("select * from " + steps + " where job_id in (:ids)"
                + " order by case phase when 'PREPARE' then -1 when 'DELETE' then 0 when 'VERIFY' then 1 else 2 end, service",
                Map.of("ids", jobIds), rs -> {
                    UUID stepId = rs.getObject("id", UUID.class);
                    StepStatus stepStatus = StepStatus.valueOf(rs.getString("status"));
                    stepsByJob.computeIfAbsent(rs.getObject("job_id", UUID.class), id -> new ArrayList<>())
                            .add(new DeletionJobSummary.StepResult(rs.getString("service"),
                                    StepPhase.valueOf(rs.getString("phase")), stepStatus,
                                    rs.getInt("attempts"), rs.getInt("attempt_limit"),
                                    stepStatus == StepStatus.PENDING ? instant(rs, "next_attempt_at") : null,
                                    rs.getLong("items_deleted"), rs.getLong("items_anonymised"),
                                    json.readValue(rs.getString("counts"), COUNTS), rs.getString("last_error"),
                                    instant(rs, "started_at"), instant(rs, "completed_at"),
                                    attemptsByStep.getOrDefault(stepId, List.of())));
                });
        return rows.stream().map(row -> row.summary(stepsByJob.getOrDefault(row.id(), List.of()), now)).toList();
    }

    private record JobRow(UUID id, JobKind kind, UUID subjectId, JobStatus status, UUID initiatedBy,
                          String initiatingService, Instant createdAt, Instant startedAt, Instant completedAt,
                          long deleted, long anonymised, String errorSummary) {

        static JobRow of(ResultSet rs) throws SQLException {
            return new JobRow(rs.getObject("id", UUID.class), JobKind.valueOf(rs.getString("kind")),
                    rs.getObject("subject_id", UUID.class), JobStatus.valueOf(rs.getString("status")),
                    rs.getObject("initiated_by", UUID.class), rs.getString("initiating_service"),
                    instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "completed_at"),
                    rs.getLong("total_items_deleted"), rs.getLong("total_items_anonymised"), rs.getString("error_summary"));
        }

        DeletionJobSummary summary(List<DeletionJobSummary.StepResult> stepResults, Instant now) {
            long durationMs = Math.max(0, Duration.between(createdAt, completedAt == null ? now : completedAt).toMillis());
            Map<String, List<StepStatus>> byService = new LinkedHashMap<>();
            stepResults.stream().filter(step -> step.phase() != StepPhase.FINAL)
                    .forEach(step -> byService.computeIfAbsent(step.service(), s -> new ArrayList<>()).add(step.status()));
            int failed = (int) byService.values().stream().filter(s -> s.contains(StepStatus.FAILED)).count();
            int completed = (int) byService.values().stream()
                    .filter(s -> s.stream().allMatch(StepStatus.SUCCEEDED::equals)).count();
            boolean finished = status == JobStatus.COMPLETED;
            List<String> errors = stepResults.stream().filter(step -> step.status() == StepStatus.FAILED)
                    .map(step -> step.service() + " " + step.phase().name().toLowerCase() + ": " + step.lastError()).toList();
            return new DeletionJobSummary(id, kind, subjectId, status, initiatedBy, initiatingService, createdAt, startedAt,
                    completedAt, durationMs, DeletionJobSummary.isoDuration(durationMs),
                    finished ? deleted : sum(stepResults, DeletionJobSummary.StepResult::itemsDeleted),
                    finished ? anonymised : sum(stepResults, DeletionJobSummary.StepResult::itemsAnonymised),
                    completed, failed, errors, stepResults);
        }

        private static long sum(Collection<DeletionJobSummary.StepResult> steps,
                                java.util.function.ToLongFunction<DeletionJobSummary.StepResult> field) {
            return steps.stream().mapToLong(field).sum();
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
