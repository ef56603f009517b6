package com.bakeryia.external;

import java.time.OffsetDateTime;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** A cached provider answer as the API shows it. */
record CacheEntryView(UUID id, UUID tenantId, String source, String cacheKey, JsonNode payload,
                      OffsetDateTime fetchedAt, OffsetDateTime expiresAt) {
}
