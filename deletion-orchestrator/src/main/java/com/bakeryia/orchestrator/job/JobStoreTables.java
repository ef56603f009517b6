package com.bakeryia.orchestrator.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The job store's tables in the orchestrator's schema ({@code deletion}), shared by the classes
 * that create jobs, lease steps and read jobs. Jobs, steps and attempts hold ids, counts, times and
 * errors only.
 */
public record JobStoreTables(ServiceDatabase database, String jobs, String steps, String attempts, String ownedTenants) {

    public static JobStoreTables in(ServiceDatabase database) {
        String schema = database.schema();
        return new JobStoreTables(database, schema + ".deletion_jobs", schema + ".deletion_steps",
                schema + ".deletion_step_attempts", schema + ".deletion_job_owned_tenants");
    }

    public NamedParameterJdbcTemplate sql() {
        return database.namedJdbc();
    }

    public TransactionTemplate transactions() {
        return database.transactions();
    }

    /** A step to queue: PENDING, due at {@code dueAt}, with {@code attemptLimit} attempts. */
    public record NewStep(UUID jobId, JobPlan.StepKey step, int attemptLimit, Instant dueAt) {
    }

    /** Queues the steps, of one job or several, in one round trip. */
    public void insertSteps(List<NewStep> queued) {
        var batch = queued.stream().map(step -> new MapSqlParameterSource()
                .addValue("id", UUID.randomUUID()).addValue("job", step.jobId()).addValue("service", step.step().service())
                .addValue("phase", step.step().phase().name()).addValue("limit", step.attemptLimit())
                .addValue("due", at(step.dueAt())))
                .toArray(MapSqlParameterSource[]::new);
        sql().batchUpdate("insert into " + steps + " (id, job_id, service, phase, status, attempt_limit, next_attempt_at)"
                + " values (:id, :job, :service, :phase, 'PENDING', :limit, :due)", batch);
    }

    /** The version of a step queued leased (a claim of a new step leaves it at 1 too). */
    public static final long LEASED_VERSION = 1;

    /**
     * Queues the steps leased to {@code owner} until {@code now + lease}: RUNNING, with their first
     * attempt open, as a claim would have left them. Answers the new steps' ids.
     */
    public Map<UUID, NewStep> insertLeased(List<NewStep> leased, String owner, Instant now, Duration lease) {
        Map<UUID, NewStep> ids = new LinkedHashMap<>();
        leased.forEach(step -> ids.put(UUID.randomUUID(), step));
        var batch = ids.entrySet().stream().map(entry -> new MapSqlParameterSource()
                .addValue("id", entry.getKey()).addValue("job", entry.getValue().jobId())
                .addValue("service", entry.getValue().step().service())
                .addValue("phase", entry.getValue().step().phase().name())
                .addValue("limit", entry.getValue().attemptLimit()).addValue("owner", owner).addValue("now", at(now))
                .addValue("until", at(now.plus(lease))).addValue("version", LEASED_VERSION))
                .toArray(MapSqlParameterSource[]::new);
        sql().batchUpdate("insert into " + steps + " (id, job_id, service, phase, status, attempt_limit, next_attempt_at,"
                + " attempts, lease_owner, lease_expires_at, heartbeat_at, version, started_at) values (:id, :job, :service,"
                + " :phase, 'RUNNING', :limit, :now, 1, :owner, :until, :now, :version, :now)", batch);
        sql().batchUpdate("insert into " + attempts + " (step_id, attempt, worker, started_at) values (:id, 1, :owner, :now)",
                batch);
        return ids;
    }

    public static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
