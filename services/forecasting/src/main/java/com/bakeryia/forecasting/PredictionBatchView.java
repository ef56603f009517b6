package com.bakeryia.forecasting;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A prediction batch with its forecasts, as the API shows it. */
record PredictionBatchView(UUID id, UUID tenantId, String status, int horizonDays, UUID requestedBy,
                           OffsetDateTime completedAt, List<ForecastView> forecasts) {
}
