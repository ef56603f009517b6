package com.bakeryia.forecasting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** A forecast as the API shows it. */
record ForecastView(UUID id, UUID tenantId, UUID batchId, UUID productId, LocalDate forecastDate,
                    BigDecimal predictedQuantity, BigDecimal lowerBound, BigDecimal upperBound, String modelVersion) {
}
