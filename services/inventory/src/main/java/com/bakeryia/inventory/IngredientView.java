package com.bakeryia.inventory;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An ingredient as the API shows it. */
record IngredientView(UUID id, UUID tenantId, String name, String category, String unit, BigDecimal reorderLevel,
                      UUID createdBy, OffsetDateTime createdAt) {
}
