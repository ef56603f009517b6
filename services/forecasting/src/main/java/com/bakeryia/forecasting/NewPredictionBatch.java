package com.bakeryia.forecasting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/forecasts}: a completed prediction batch with
 * its forecasts, written in one transaction.
 *
 * @param horizonDays  how many days ahead the batch predicts, 1 to 365
 * @param modelVersion the model that produced every forecast of the batch
 * @param forecasts    1 to 1000 forecasts
 * @param requestedBy  only a service may set it; a user's own id is used otherwise
 */
record NewPredictionBatch(
        @NotNull @Min(1) @Max(365) Integer horizonDays,
        @NotBlank @Size(max = 100) String modelVersion,
        @NotEmpty @Size(max = 1000) List<@NotNull @Valid Forecast> forecasts,
        UUID requestedBy) {

    /**
     * One product's predicted demand on one day, with its interval.
     *
     * @param productId         the product (a recipe id in another service)
     * @param forecastDate      the day predicted
     * @param predictedQuantity expected units
     * @param lowerBound        lower end of the interval, at most the prediction
     * @param upperBound        upper end of the interval, at least the prediction
     */
    @Schema(name = "NewForecast")
    record Forecast(
            @NotNull UUID productId,
            @NotNull LocalDate forecastDate,
            @NotNull @PositiveOrZero @Digits(integer = 10, fraction = 2) BigDecimal predictedQuantity,
            @NotNull @PositiveOrZero @Digits(integer = 10, fraction = 2) BigDecimal lowerBound,
            @NotNull @PositiveOrZero @Digits(integer = 10, fraction = 2) BigDecimal upperBound) {
    }
}
