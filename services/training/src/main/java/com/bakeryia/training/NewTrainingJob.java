package com.bakeryia.training;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/training-jobs}: asks for a model to be
 * trained; the job starts QUEUED.
 *
 * @param productId   the product to model (a recipe id in another service); all products when omitted
 * @param algorithm   PROPHET, ARIMA or XGBOOST
 * @param requestedBy only a service may set it; a user's own id is used otherwise
 */
record NewTrainingJob(
        UUID productId,
        @NotBlank @Pattern(regexp = "PROPHET|ARIMA|XGBOOST", message = "must be PROPHET, ARIMA or XGBOOST")
        String algorithm,
        UUID requestedBy) {
}
