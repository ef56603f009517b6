package com.bakeryia.orchestrator;

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
import java.util.UUID;
import java.util.function.ToLongFunction;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import static com.bakeryia.orchestrator.JobStoreTables.instant;

/** Reads jobs as callers see them ({@link DeletionJobSummary}): steps in plan order, every attempt. */
class DeletionJobReads {

    private static final TypeReference<Map<String, Map<String, Long>>> COUNTS = new TypeReference<>() { };

    private final JobStoreTables tables;
    private final JsonMapper json = JsonMapper.builder().build();

    DeletionJobReads(JobStoreTables tables) {
        this.tables = tables;
    }

    Optional<DeletionJobSummary> find(UUID jobId, Instant now) {
        return summaries("where id = :id", new MapSqlParameterSource("id", jobId), now).stream().findFirst();
    }

    /** The status of a job, or empty when there is no such job. */
    Optional<JobStatus> status(UUID jobId) {
        return tables.sql().query("select status from " + tables.jobs() + " where id = :id", Map.of("id", jobId),
                (rs, n) -> JobStatus.valueOf(rs.getString(1))).stream().findFirst();
    }

    /** The subject's unfinished job of this kind (PENDING, RUNNING or FAILED), if any. */
    Optional<DeletionJobSummary> unfinished(JobKind kind, UUID subjectId, Instant now) {
        return summaries("where kind = :kind and subject_id = :subject and status not in ('COMPLETED', 'CANCELLED')",
                new MapSqlParameterSource().addValue("kind", kind.name()).addValue("subject", subjectId), now)
                .stream().findFirst();
    }

    /** How many jobs are FAILED, and when the one that has been FAILED longest failed (null when none). */
    record FailedJobs(long count, Instant oldestFailedAt) {
    }

    /** One aggregate over the partial index of FAILED jobs (V5): cheap enough for every metrics scrape's cache refresh. */
    FailedJobs failedJobs() {
        return tables.sql().queryForObject("select count(*), min(completed_at) from " + tables.jobs()
                + " where status = 'FAILED'", Map.of(), (rs, n) -> new FailedJobs(rs.getLong(1), instant(rs, "min")));
    }

    /** Newest first; either filter may be null. */
    List<DeletionJobSummary> list(UUID subjectId, JobStatus status, int limit, Instant now) {
        var params = new MapSqlParameterSource().addValue("subject", subjectId)
                .addValue("status", status == null ? null : status.name()).addValue("limit", limit);
        return summaries("where (cast(:subject as uuid) is null or subject_id = :subject)"
                + " and (cast(:status as text) is null or status = :status) order by created_at desc limit :limit", params, now);
    }

    private List<DeletionJobSummary> summaries(String where, MapSqlParameterSource params, Instant now) {
        var sql = tables.sql();
        List<JobRow> rows = sql.query("select * from " + tables.jobs() + " " + where, params, (rs, n) -> JobRow.of(rs));
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> jobIds = rows.stream().map(JobRow::id).toList();
        Map<UUID, List<DeletionJobSummary.Attempt>> attemptsByStep = new LinkedHashMap<>();
        sql.query("select a.* from " + tables.attempts() + " a join " + tables.steps() + " s on s.id = a.step_id"
                + " where s.job_id in (:ids) order by a.step_id, a.attempt", Map.of("ids", jobIds), rs -> {
                    attemptsByStep.computeIfAbsent(rs.getObject("step_id", UUID.class), id -> new ArrayList<>())
                            .add(new DeletionJobSummary.Attempt(rs.getInt("attempt"), rs.getString("worker"),
                                    instant(rs, "started_at"), (Long) rs.getObject("duration_ms"), rs.getString("outcome"),
                                    rs.getString("error")));
                });
        Map<UUID, List<DeletionJobSummary.StepResult>> stepsByJob = new LinkedHashMap<>();
        sql.query("select * from " + tables.steps() + " where job_id in (:ids)", Map.of("ids", jobIds), rs -> {
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
        // In plan order: phases as the plan runs them, services by name within a phase.
        Comparator<DeletionJobSummary.StepResult> planOrder = Comparator
                .comparing(DeletionJobSummary.StepResult::phase).thenComparing(DeletionJobSummary.StepResult::service);
        stepsByJob.values().forEach(steps -> steps.sort(planOrder));
        return rows.stream().map(row -> row.summary(stepsByJob.getOrDefault(row.id(), List.of()), now)).toList();
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
            List<String> errors = stepResults.stream().filter(step -> step.status() == StepStatus.FAILED)
                    .map(step -> step.service() + " " + step.phase().name().toLowerCase() + ": " + step.lastError()).toList();
            return new DeletionJobSummary(id, kind, subjectId, status, scheduledFor, initiatedBy, initiatingService, createdAt, startedAt,
                    completedAt, durationMs, DeletionJobSummary.isoDuration(durationMs),
                    finished ? deleted : sum(stepResults, DeletionJobSummary.StepResult::itemsDeleted),
                    finished ? anonymised : sum(stepResults, DeletionJobSummary.StepResult::itemsAnonymised),
                    completed, failed, errors, stepResults);
        }

        private static long sum(Collection<DeletionJobSummary.StepResult> steps,
                                ToLongFunction<DeletionJobSummary.StepResult> field) {
            return steps.stream().mapToLong(field).sum();
        }
    }
}
