package com.bakeryia.forecasting;

import java.util.UUID;

import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantAccessGuard;
import com.bakeryia.platform.tenancy.ActingUser;
import com.bakeryia.platform.web.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's demand forecasts. Members (and services) read; OWNER, ADMIN and MEMBER (and services)
 * write; the tenant service decides membership.
 */
@Tag(name = "Forecasting", description = "A tenant's demand forecasts. Members (and services) read; OWNER, ADMIN and MEMBER (and "
        + "services) write; the tenant service decides membership.")
@RestController
@RequestMapping("/api/v1/tenants/{tenant_id}")
class ForecastsController {

    private final Forecasts forecasts;
    private final TenantAccessGuard guard;

    ForecastsController(Forecasts forecasts, TenantAccessGuard guard) {
        this.forecasts = forecasts;
        this.guard = guard;
    }

    @Operation(operationId = "recordPredictionBatch", summary = "Record a batch of forecasts")
    @PostMapping("/forecasts")
    @ResponseStatus(HttpStatus.CREATED)
    PredictionBatchView record(@PathVariable("tenant_id") UUID tenantId, @Valid @RequestBody NewPredictionBatch batch,
                               Authentication authentication) {
        CallerPrincipal caller = guard.requireWrite(tenantId, authentication);
        return forecasts.record(tenantId, batch, ActingUser.of(caller, batch.requestedBy(), "requested_by"));
    }

    @Operation(operationId = "listForecasts", summary = "List forecast batches")
    @GetMapping("/forecasts")
    PageView<ForecastView> list(@PathVariable("tenant_id") UUID tenantId,
                                @RequestParam(name = "product_id", required = false) UUID productId,
                                @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                @RequestParam(defaultValue = "0") @Min(0) int offset,
                                Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return new PageView<>(forecasts.list(tenantId, productId, limit, offset), limit, offset);
    }
}
