package com.bakeryia.forecasting;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
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
 * The forecasting share of generated data, about 4% of all rows: nightly prediction batches of 14
 * days ahead for the bakery's products (forecasts 3.2%), and daily accuracy metrics per product.
 */
@Component
class ForecastingDemoData implements DemoDataContributor {

    private static final int PRODUCTS = 12;
    private static final String[] METRICS = {"MAPE", "MAE", "RMSE"};

    private final ServiceDatabase db;
    private final Clock clock;

    ForecastingDemoData(@Qualifier("forecasting") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public String service() {
        return "forecasting";
    }

    @Override
    public Map<String, Long> generate(UUID tenantId, DemoDataSize size, List<UUID> memberIds) {
        var random = new SplittableRandom();
        long forecasts = Math.max(1, Math.round(size.totalRows() * 0.032));
        long metrics = Math.max(1, Math.round(size.totalRows() * 0.006));
        int perBatch = 14 * PRODUCTS;
        int batches = (int) Math.max(2, Math.min(forecasts, (forecasts + perBatch - 1) / perBatch));
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        LocalDate today = now.toLocalDate();
        UUID[] products = new UUID[PRODUCTS];
        for (int p = 0; p < PRODUCTS; p++) {
            products[p] = UUID.nameUUIDFromBytes((tenantId + "/product/" + p).getBytes());
        }
        Map<String, Long> written = new LinkedHashMap<>();

        UUID[] batchIds = new UUID[batches];
        try (TableCopy copy = TableCopy.into(db, "prediction_batches",
                "id", "tenant_id", "status", "horizon_days", "requested_by", "started_at", "completed_at")) {
            for (int b = 0; b < batches; b++) {
                batchIds[b] = UUID.randomUUID();
                OffsetDateTime started = now.minusDays(batches - b).withHour(2).withMinute(0);
                boolean last = b == batches - 1;
                copy.row(batchIds[b], tenantId, last ? "RUNNING" : "COMPLETED", 14,
                        memberIds.isEmpty() ? null : memberIds.get(random.nextInt(memberIds.size())),
                        started, last ? null : started.plusMinutes(10 + random.nextInt(40)));
            }
            written.put("forecasting.prediction_batches", copy.rows());
        }
        try (TableCopy copy = TableCopy.into(db, "forecasts", "id", "tenant_id", "batch_id", "product_id",
                "forecast_date", "predicted_quantity", "lower_bound", "upper_bound", "model_version")) {
            for (long f = 0; f < forecasts; f++) {
                int batch = (int) (f / perBatch) % batches;
                int withinBatch = (int) (f % perBatch);
                double predicted = 20 + random.nextDouble() * 180;
                double spread = predicted * (0.1 + random.nextDouble() * 0.15);
                copy.row(UUID.randomUUID(), tenantId, batchIds[batch], products[withinBatch % PRODUCTS],
                        today.minusDays(batches - batch).plusDays(1 + withinBatch / PRODUCTS), quantity(predicted),
                        quantity(predicted - spread), quantity(predicted + spread), "prophet-1." + (batch % 4));
            }
            written.put("forecasting.forecasts", copy.rows());
        }
        try (TableCopy copy = TableCopy.into(db, "model_performance_metrics",
                "id", "tenant_id", "product_id", "model_version", "metric", "value", "evaluated_on")) {
            for (long m = 0; m < metrics; m++) {
                String metric = METRICS[(int) (m % METRICS.length)];
                double value = metric.equals("MAPE") ? 5 + random.nextDouble() * 25 : 1 + random.nextDouble() * 20;
                copy.row(UUID.randomUUID(), tenantId, products[(int) (m / METRICS.length % PRODUCTS)],
                        "prophet-1." + (m % 4), metric, BigDecimal.valueOf(Math.round(value * 10_000), 4),
                        today.minusDays(m / (METRICS.length * PRODUCTS)));
            }
            written.put("forecasting.model_performance_metrics", copy.rows());
        }
        return written;
    }

    private static BigDecimal quantity(double value) {
        return BigDecimal.valueOf(Math.round(Math.max(0, value) * 100), 2);
    }
}
