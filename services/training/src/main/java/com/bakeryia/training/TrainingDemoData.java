package com.bakeryia.training;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.demodata.DemoDataContributor;
import com.bakeryia.platform.demodata.DemoDataSize;
import com.bakeryia.platform.demodata.TableCopy;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The training share of generated data, about 1% of all rows: weekly jobs per product (0.2%), the
 * model each successful job produced (0.2%), and a few log lines per job (0.6%).
 */
@Component
class TrainingDemoData implements DemoDataContributor {

    private static final String[] ALGORITHMS = {"PROPHET", "PROPHET", "ARIMA", "XGBOOST"};
    private static final String[] STEPS = {"Loaded sales history", "Fitted model", "Cross-validated",
            "Stored artifact"};

    private final ServiceDatabase db;
    private final Clock clock;

    TrainingDemoData(@Qualifier("training") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public String service() {
        return "training";
    }

    @Override
    public Map<String, Long> generate(UUID tenantId, DemoDataSize size, List<UUID> memberIds) {
        var random = new SplittableRandom();
        int jobs = (int) Math.max(1, Math.round(size.totalRows() * 0.002));
        long logs = Math.max(1, Math.round(size.totalRows() * 0.006));
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Map<String, Long> written = new LinkedHashMap<>();

        UUID[] jobIds = new UUID[jobs];
        OffsetDateTime[] startedAt = new OffsetDateTime[jobs];
        boolean[] succeeded = new boolean[jobs];
        try (TableCopy copy = TableCopy.into(db, "training_jobs", "id", "tenant_id", "product_id", "algorithm",
                "status", "requested_by", "started_at", "finished_at", "error_message")) {
            for (int j = 0; j < jobs; j++) {
                jobIds[j] = UUID.randomUUID();
                startedAt[j] = now.minusHours(6L * (jobs - j));
                succeeded[j] = j == 0 || random.nextInt(10) != 0;
                copy.row(jobIds[j], tenantId, product(tenantId, j), ALGORITHMS[j % ALGORITHMS.length],
                        succeeded[j] ? "SUCCEEDED" : "FAILED",
                        memberIds.isEmpty() ? null : memberIds.get(random.nextInt(memberIds.size())),
                        startedAt[j], startedAt[j].plusMinutes(3 + random.nextInt(30)),
                        succeeded[j] ? null : "Not enough sales history for a seasonal fit");
            }
            written.put("training.training_jobs", copy.rows());
        }
        try (TableCopy copy = TableCopy.into(db, "trained_models", "id", "tenant_id", "job_id", "product_id",
                "algorithm", "version", "artifact_uri", "mape", "active")) {
            for (int j = 0; j < jobs; j++) {
                if (succeeded[j]) {
                    UUID modelId = UUID.randomUUID();
                    copy.row(modelId, tenantId, jobIds[j], product(tenantId, j), ALGORITHMS[j % ALGORITHMS.length],
                            1 + j / 12, "s3://bakery-models/" + tenantId + "/" + modelId + ".bin",
                            BigDecimal.valueOf(500 + random.nextInt(2500), 2), j >= jobs - 12);
                }
            }
            written.put("training.trained_models", copy.rows());
        }
        try (TableCopy copy = TableCopy.into(db, "training_logs",
                "id", "tenant_id", "job_id", "level", "message", "logged_at")) {
            for (long l = 0; l < logs; l++) {
                int job = (int) (l % jobs);
                int step = (int) (l / jobs % STEPS.length);
                boolean failedStep = !succeeded[job] && step == STEPS.length - 1;
                copy.row(UUID.randomUUID(), tenantId, jobIds[job], failedStep ? "ERROR" : "INFO",
                        failedStep ? "Training failed" : STEPS[step], startedAt[job].plusSeconds(30L * (l / jobs)));
            }
            written.put("training.training_logs", copy.rows());
        }
        return written;
    }

    private static UUID product(UUID tenantId, int job) {
        return UUID.nameUUIDFromBytes((tenantId + "/product/" + job % 12).getBytes());
    }
}
