package com.bakeryia.forecasting;

import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.web.ApiProblem;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Prediction batches and their forecasts, in the {@code forecasting} schema. */
@Component
class Forecasts {

    private static final int[] FORECAST_TYPES = {Types.OTHER, Types.OTHER, Types.OTHER, Types.OTHER, Types.DATE,
            Types.NUMERIC, Types.NUMERIC, Types.NUMERIC, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE};

    private final ServiceDatabase db;
    private final Clock clock;

    Forecasts(@Qualifier("forecasting") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Writes the batch and all its forecasts in one transaction: all or nothing. */
    PredictionBatchView record(UUID tenantId, NewPredictionBatch batch, UUID requestedBy) {
        for (int i = 0; i < batch.forecasts().size(); i++) {
            NewPredictionBatch.Forecast forecast = batch.forecasts().get(i);
            if (forecast.lowerBound().compareTo(forecast.predictedQuantity()) > 0
                    || forecast.predictedQuantity().compareTo(forecast.upperBound()) > 0) {
                throw ApiProblem.badRequest("Field 'forecasts[" + i + "]': lower_bound <= predicted_quantity"
                        + " <= upper_bound must hold.");
            }
        }
        return db.transactions().execute(status -> {
            UUID batchId = UUID.randomUUID();
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            db.jdbc().update("""
                    insert into forecasting.prediction_batches
                        (id, tenant_id, status, horizon_days, requested_by, started_at, completed_at, created_at)
                    values (?, ?, 'COMPLETED', ?, ?, ?, ?, ?)""",
                    batchId, tenantId, batch.horizonDays(), requestedBy, now, now, now);
            List<ForecastView> views = new ArrayList<>();
            List<Object[]> rows = new ArrayList<>();
            for (NewPredictionBatch.Forecast forecast : batch.forecasts()) {
                UUID id = UUID.randomUUID();
                views.add(new ForecastView(id, tenantId, batchId, forecast.productId(), forecast.forecastDate(),
                        forecast.predictedQuantity(), forecast.lowerBound(), forecast.upperBound(), batch.modelVersion()));
                rows.add(new Object[] {id, tenantId, batchId, forecast.productId(), forecast.forecastDate(),
                        forecast.predictedQuantity(), forecast.lowerBound(), forecast.upperBound(), batch.modelVersion(),
                        now});
            }
            db.jdbc().batchUpdate("""
                    insert into forecasting.forecasts (id, tenant_id, batch_id, product_id, forecast_date,
                        predicted_quantity, lower_bound, upper_bound, model_version, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows, FORECAST_TYPES);
            return new PredictionBatchView(batchId, tenantId, "COMPLETED", batch.horizonDays(), requestedBy, now, views);
        });
    }

    /** By forecast date, then product and id; optionally one product only. */
    List<ForecastView> list(UUID tenantId, UUID productId, int limit, int offset) {
        return db.jdbc().query("""
                select id, tenant_id, batch_id, product_id, forecast_date, predicted_quantity, lower_bound, upper_bound,
                       model_version
                from forecasting.forecasts where tenant_id = ? and (?::uuid is null or product_id = ?)
                order by forecast_date, product_id, id limit ? offset ?""",
                (row, index) -> new ForecastView(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class),
                        row.getObject("batch_id", UUID.class), row.getObject("product_id", UUID.class),
                        row.getObject("forecast_date", LocalDate.class), row.getBigDecimal("predicted_quantity"),
                        row.getBigDecimal("lower_bound"), row.getBigDecimal("upper_bound"), row.getString("model_version")),
                tenantId, productId, productId, limit, offset);
    }
}
