package com.bakeryia.external;

import java.time.OffsetDateTime;
import java.util.Map;

import com.bakeryia.platform.web.MaxJsonLength;
import io.swagger.v3.oas.annotations.media.Schema;

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
 * @param payload   the answer, a JSON object of at most {@value #MAX_FIELDS} fields, each name at most
 *                  {@value #MAX_NAME} characters and each value at most {@value #MAX_VALUE} characters
 *                  of JSON, {@value #MAX_PAYLOAD} characters of JSON in all: a provider's answer for
 *                  one request (a day of hourly weather is about 3000), never an archive
 * @param expiresAt when the answer must be fetched again; in the future
 */
record NewCacheEntry(
        @NotBlank @Pattern(regexp = "WEATHER|TRAFFIC|HOLIDAYS|EVENTS",
                message = "must be WEATHER, TRAFFIC, HOLIDAYS or EVENTS") String source,
        @NotBlank @Size(max = 300) String cacheKey,
        @Schema(maxProperties = MAX_FIELDS, description = "The provider's answer: at most " + MAX_FIELDS + " fields, names of at most "
                + MAX_NAME + " characters, each value at most " + MAX_VALUE + " characters of JSON, "
                + MAX_PAYLOAD + " characters in all")
        @NotNull @Size(max = MAX_FIELDS, message = "must have at most {max} fields") @MaxJsonLength(max = MAX_PAYLOAD)
        Map<@NotBlank @Size(max = MAX_NAME, message = "must be a field name of at most {max} characters") String, @MaxJsonLength(max = MAX_VALUE) JsonNode> payload,
        @NotNull @Future OffsetDateTime expiresAt) {

    static final int MAX_FIELDS = 100;
    static final int MAX_NAME = 100;
    static final int MAX_VALUE = 8192;
    static final int MAX_PAYLOAD = 65_536;
}
