package com.bakeryia.training;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Training jobs and their logs, in the {@code training} schema. */
@Component
class TrainingJobs {

    private final ServiceDatabase db;
    private final Clock clock;

    TrainingJobs(@Qualifier("training") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Queues the job and writes its first log line in one transaction. */
    TrainingJobView queue(UUID tenantId, NewTrainingJob job, UUID requestedBy) {
        return db.transactions().execute(status -> {
            UUID id = UUID.randomUUID();
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            db.jdbc().update("""
                    insert into training.training_jobs (id, tenant_id, product_id, algorithm, status, requested_by, created_at)
                    values (?, ?, ?, ?, 'QUEUED', ?, ?)""", id, tenantId, job.productId(), job.algorithm(), requestedBy, now);
            db.jdbc().update("""
                    insert into training.training_logs (id, tenant_id, job_id, level, message, logged_at, created_at)
                    values (?, ?, ?, 'INFO', ?, ?, ?)""",
                    UUID.randomUUID(), tenantId, id, "Queued " + job.algorithm() + " training", now, now);
            return new TrainingJobView(id, tenantId, job.productId(), job.algorithm(), "QUEUED", requestedBy, null, null,
                    now);
        });
    }

    /** Oldest first, ties broken by id. */
    List<TrainingJobView> list(UUID tenantId, int limit, int offset) {
        return db.jdbc().query("""
                select id, tenant_id, product_id, algorithm, status, requested_by, started_at, finished_at, created_at
                from training.training_jobs where tenant_id = ? order by created_at, id limit ? offset ?""",
                TrainingJobs::view, tenantId, limit, offset);
    }

    private static TrainingJobView view(ResultSet row, int index) throws SQLException {
        return new TrainingJobView(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class),
                row.getObject("product_id", UUID.class), row.getString("algorithm"), row.getString("status"),
                row.getObject("requested_by", UUID.class), row.getObject("started_at", OffsetDateTime.class),
                row.getObject("finished_at", OffsetDateTime.class), row.getObject("created_at", OffsetDateTime.class));
    }
}
