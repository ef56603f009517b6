package com.bakeryia.orchestrator.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.ToLongFunction;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import static com.bakeryia.orchestrator.job.JobStoreTables.instant;

/** Reads jobs as callers see them ({@link DeletionJobSummary}): steps in plan order, every attempt. */
public class DeletionJobReads {

    private static final TypeReference<Map<String, Map<String, Long>>> COUNTS = new TypeReference<>() { };

    /** The window {@link DeletionJobStats#rowsDeletedPerMinute()} averages over. */
    static final Duration RATE_WINDOW = Duration.ofMinutes(15);

    private final JobStoreTables tables;
    private final JsonMapper json = JsonMapper.builder().build();

    public DeletionJobReads(JobStoreTables tables) {
        this.tables = tables;
    }

    public Optional<DeletionJobSummary> find(UUID jobId, Instant now) {
        return summaries("where id = :id", new MapSqlParameterSource("id", jobId), now).stream().findFirst();
    }

    /** The status of a job, or empty when there is no such job. */
    public Optional<JobStatus> status(UUID jobId) {
        return tables.sql().query("select status from " + tables.jobs() + " where id = :id", Map.of("id", jobId),
                (rs, n) -> JobStatus.valueOf(rs.getString(1))).stream().findFirst();
    }

    /** The subject's unfinished job of this kind (PENDING, RUNNING or FAILED), if any. */
    public Optional<DeletionJobSummary> unfinished(JobKind kind, UUID subjectId, Instant now) {
        return summaries("where kind = :kind and subject_id = :subject and status not in ('COMPLETED', 'CANCELLED')",
                new MapSqlParameterSource().addValue("kind", kind.name()).addValue("subject", subjectId), now)
                .stream().findFirst();
    }

    /** How many jobs are FAILED, and when the one that has been FAILED longest failed (null when none). */
    public record FailedJobs(long count, Instant oldestFailedAt) {
    }

    /** One aggregate over the partial index of FAILED jobs (V5): cheap enough for every metrics scrape's cache refresh. */
    public FailedJobs failedJobs() {
        return tables.sql().queryForObject("select count(*), min(completed_at) from " + tables.jobs()
                + " where status = 'FAILED'", Map.of(), (rs, n) -> new FailedJobs(rs.getLong(1), instant(rs, "min")));
    }

    /** Newest first; either filter may be null. */
    public List<DeletionJobSummary> list(UUID subjectId, JobStatus status, int limit, Instant now) {
        return list(new JobFilter(null, status == null ? Set.of() : Set.of(status), subjectId, null, null), limit, 0, now);
    }

    /**
     * One page of the jobs that match every filter given, newest first ({@code created_at}, then the
     * job id, so a page boundary never splits or repeats jobs created at the same instant), each
     * without its per-step results. Only the filters given are in the statement, so each can use its
     * index ({@code deletion_jobs_by_subject}, {@code _by_status}, {@code _newest_first}).
     */
    public List<DeletionJobSummary> list(JobFilter filter, int limit, int offset, Instant now) {
        List<String> conditions = new ArrayList<>();
        var params = new MapSqlParameterSource().addValue("limit", limit).addValue("offset", offset);
        if (filter.kind() != null) {
            conditions.add("kind = :kind");
            params.addValue("kind", filter.kind().name());
        }
        if (!filter.statuses().isEmpty()) {
            conditions.add("status in (:statuses)");
            params.addValue("statuses", filter.statuses().stream().map(JobStatus::name).toList());
        }
        if (filter.subjectId() != null) {
            conditions.add("subject_id = :subject");
            params.addValue("subject", filter.subjectId());
        }
        if (filter.createdAfter() != null) {
            conditions.add("created_at >= :after");
            params.addValue("after", JobStoreTables.at(filter.createdAfter()));
        }
        if (filter.createdBefore() != null) {
            conditions.add("created_at < :before");
            params.addValue("before", JobStoreTables.at(filter.createdBefore()));
        }
        String where = conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions);
        return summaries(where + " order by created_at desc, id desc limit :limit offset :offset", params, now, false);
    }

    /**
     * Which jobs a list shows; a null (or empty) filter does not filter.
     *
     * @param createdAfter  created at or after this instant
     * @param createdBefore created before this instant
     */
    public record JobFilter(JobKind kind, Set<JobStatus> statuses, UUID subjectId, Instant createdAfter, Instant createdBefore) {

        public JobFilter {
            statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        }
    }

    /**
     * The figures of {@link DeletionJobStats}, in one statement and so one snapshot: the status counts
     * over {@code deletion_jobs_by_status}, the longest-FAILED job over {@code deletion_jobs_failed_by_completion},
     * the rows over {@code deletion_steps_succeeded_by_completion} (V10), all at {@code now}.
     */
    public DeletionJobStats stats(Instant now) {
        var params = new MapSqlParameterSource().addValue("now", JobStoreTables.at(now))
                .addValue("hour_ago", JobStoreTables.at(now.minus(Duration.ofHours(1))))
                .addValue("quarter_ago", JobStoreTables.at(now.minus(RATE_WINDOW)))
                .addValue("window_minutes", RATE_WINDOW.toMinutes());
        return tables.sql().queryForObject("with counts as (select"
                + " count(*) filter (where status = 'SCHEDULED') as scheduled,"
                + " count(*) filter (where status = 'PENDING') as pending,"
                + " count(*) filter (where status = 'RUNNING') as running,"
                + " count(*) filter (where status = 'FAILED') as failed"
                + " from " + tables.jobs() + " where status in ('SCHEDULED', 'PENDING', 'RUNNING', 'FAILED')),"
                + " oldest as (select id, completed_at from " + tables.jobs() + " where status = 'FAILED'"
                + " order by completed_at, id limit 1),"
                + " deleted as (select coalesce(sum(items_deleted), 0) as last_hour,"
                + " coalesce(sum(items_deleted) filter (where completed_at > :quarter_ago), 0) as last_quarter"
                + " from " + tables.steps() + " where status = 'SUCCEEDED' and completed_at > :hour_ago"
                + " and completed_at <= :now)"
                + " select counts.*, oldest.id as oldest_id, oldest.completed_at as oldest_at, deleted.last_hour,"
                + " round(deleted.last_quarter / cast(:window_minutes as numeric), 2) as per_minute"
                + " from counts cross join deleted left join oldest on true", params,
                (rs, n) -> new DeletionJobStats(rs.getLong("scheduled"), rs.getLong("pending"), rs.getLong("running"),
                        rs.getLong("failed"), instant(rs, "oldest_at"), rs.getObject("oldest_id", UUID.class),
                        rs.getLong("last_hour"), rs.getDouble("per_minute")));
    }

    private List<DeletionJobSummary> summaries(String where, MapSqlParameterSource params, Instant now) {
        return summaries(where, params, now, true);
    }

    /** With {@code detail}, every step with its counts and attempts; without, only what a job's totals need. */
    private List<DeletionJobSummary> summaries(String where, MapSqlParameterSource params, Instant now, boolean detail) {
        var sql = tables.sql();
        List<JobRow> rows = sql.query("select * from " + tables.jobs() + " " + where, params, (rs, n) -> JobRow.of(rs));
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> jobIds = rows.stream().map(JobRow::id).toList();
        Map<UUID, List<DeletionJobSummary.Attempt>> attemptsByStep = new LinkedHashMap<>();
        if (detail) {
            sql.query("select a.* from " + tables.attempts() + " a join " + tables.steps() + " s on s.id = a.step_id"
                    + " where s.job_id in (:ids) order by a.step_id, a.attempt", Map.of("ids", jobIds), rs -> {
                        attemptsByStep.computeIfAbsent(rs.getObject("step_id", UUID.class), id -> new ArrayList<>())
                                .add(new DeletionJobSummary.Attempt(rs.getInt("attempt"), rs.getString("worker"),
                                        instant(rs, "started_at"), (Long) rs.getObject("duration_ms"),
                                        rs.getString("outcome"), rs.getString("error")));
                    });
        }
        Map<UUID, List<DeletionJobSummary.StepResult>> stepsByJob = new LinkedHashMap<>();
        sql.query("select id, job_id, service, phase, status, attempts, attempt_limit, next_attempt_at, items_deleted,"
                + " items_anonymised, last_error, started_at, completed_at" + (detail ? ", counts" : "")
                + " from " + tables.steps() + " where job_id in (:ids)", Map.of("ids", jobIds), rs -> {
            UUID stepId = rs.getObject("id", UUID.class);
            StepStatus stepStatus = StepStatus.valueOf(rs.getString("status"));
            stepsByJob.computeIfAbsent(rs.getObject("job_id", UUID.class), id -> new ArrayList<>())
                    .add(new DeletionJobSummary.StepResult(rs.getString("service"),
                            StepPhase.valueOf(rs.getString("phase")), stepStatus,
                            rs.getInt("attempts"), rs.getInt("attempt_limit"),
                            stepStatus == StepStatus.PENDING ? instant(rs, "next_attempt_at") : null,
                            rs.getLong("items_deleted"), rs.getLong("items_anonymised"),
                            detail ? counts(rs.getString("counts")) : Map.of(), rs.getString("last_error"),
                            instant(rs, "started_at"), instant(rs, "completed_at"),
                            attemptsByStep.getOrDefault(stepId, List.of())));
        });
        // In plan order: phases as the plan runs them, services by name within a phase.
        Comparator<DeletionJobSummary.StepResult> planOrder = Comparator
                .comparing(DeletionJobSummary.StepResult::phase).thenComparing(DeletionJobSummary.StepResult::service);
        stepsByJob.values().forEach(steps -> steps.sort(planOrder));
        return rows.stream().map(row -> row.summary(stepsByJob.getOrDefault(row.id(), List.of()), now))
                .map(job -> detail ? job : job.withoutSteps()).toList();
    }

    /**
     * A step's counts per kind and table: the numbers only (a DELETE step's {@code retention} says per
     * table what the law keeps, with basis and dates, for the certificate; it is not a count).
     */
    private Map<String, Map<String, Long>> counts(String stored) {
        tools.jackson.databind.node.ObjectNode node = (tools.jackson.databind.node.ObjectNode) json.readTree(stored);
        node.remove("retention");
        return json.convertValue(node, COUNTS);
    }

    private record JobRow(UUID id, JobKind kind, UUID subjectId, JobStatus status, Instant scheduledFor, UUID initiatedBy,
                          String initiatingService, Instant createdAt, Instant startedAt, Instant completedAt,
                          long deleted, long anonymised) {

        static JobRow of(ResultSet rs) throws SQLException {
            return new JobRow(rs.getObject("id", UUID.class), JobKind.valueOf(rs.getString("kind")),
                    rs.getObject("subject_id", UUID.class), JobStatus.valueOf(rs.getString("status")),
                    instant(rs, "scheduled_for"), rs.getObject("initiated_by", UUID.class), rs.getString("initiating_service"),
                    instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "completed_at"),
                    rs.getLong("total_items_deleted"), rs.getLong("total_items_anonymised"));
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
            List<DeletionJobSummary.StepResult> failedSteps = stepResults.stream()
                    .filter(step -> step.status() == StepStatus.FAILED).toList();
            List<String> errors = failedSteps.stream()
                    .map(step -> step.service() + " " + step.phase().name().toLowerCase() + ": " + step.lastError()).toList();
            // The steps are in plan order: the first failed one is where the job stopped.
            DeletionJobSummary.FailedStep failedStep = failedSteps.stream().findFirst()
                    .map(step -> new DeletionJobSummary.FailedStep(step.service(), step.phase(), step.lastError()))
                    .orElse(null);
            return new DeletionJobSummary(id, kind, subjectId, status, scheduledFor, initiatedBy, initiatingService, createdAt, startedAt,
                    completedAt, durationMs, DeletionJobSummary.isoDuration(durationMs),
                    finished ? deleted : sum(stepResults, DeletionJobSummary.StepResult::itemsDeleted),
                    finished ? anonymised : sum(stepResults, DeletionJobSummary.StepResult::itemsAnonymised),
                    completed, failed, errors, failedStep, stepResults);
        }

        private static long sum(Collection<DeletionJobSummary.StepResult> steps,
                                ToLongFunction<DeletionJobSummary.StepResult> field) {
            return steps.stream().mapToLong(field).sum();
        }
    }
}
