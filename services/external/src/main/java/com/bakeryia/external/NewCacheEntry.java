package com.bakeryia.external;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/external-data}: stores (or refreshes) one
 * cached answer of an outside provider.
 *
 * @param source    WEATHER, TRAFFIC, HOLIDAYS or EVENTS
 * @param cacheKey  the provider request it answers, unique per tenant and source
 * @param payload   the answer, a JSON object
 * @param expiresAt when the answer must be fetched again; in the future
 */
record NewCacheEntry(
        @NotBlank @Pattern(regexp = "WEATHER|TRAFFIC|HOLIDAYS|EVENTS",
                message = "must be WEATHER, TRAFFIC, HOLIDAYS or EVENTS") String source,
        @NotBlank @Size(max = 300) String cacheKey,
        @NotNull JsonNode payload,
        @NotNull @Future OffsetDateTime expiresAt) {
}
