package com.bakeryia.orchestrator;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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
record JobStoreTables(ServiceDatabase database, String jobs, String steps, String attempts, String ownedTenants) {

    static JobStoreTables in(ServiceDatabase database) {
        String schema = database.schema();
        return new JobStoreTables(database, schema + ".deletion_jobs", schema + ".deletion_steps",
                schema + ".deletion_step_attempts", schema + ".deletion_job_owned_tenants");
    }

    NamedParameterJdbcTemplate sql() {
        return database.namedJdbc();
    }

    TransactionTemplate transactions() {
        return database.transactions();
    }

    /** A step to queue: PENDING, due at {@code dueAt}, with {@code attemptLimit} attempts. */
    record NewStep(UUID jobId, JobPlan.StepKey step, int attemptLimit, Instant dueAt) {
    }

    /** Queues the steps, of one job or several, in one round trip. */
    void insertSteps(List<NewStep> queued) {
        var batch = queued.stream().map(step -> new MapSqlParameterSource()
                .addValue("id", UUID.randomUUID()).addValue("job", step.jobId()).addValue("service", step.step().service())
                .addValue("phase", step.step().phase().name()).addValue("limit", step.attemptLimit())
                .addValue("due", at(step.dueAt())))
                .toArray(MapSqlParameterSource[]::new);
        sql().batchUpdate("insert into " + steps + " (id, job_id, service, phase, status, attempt_limit, next_attempt_at)"
                + " values (:id, :job, :service, :phase, 'PENDING', :limit, :due)", batch);
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
