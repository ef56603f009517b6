package com.bakeryia.production;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A quality check of a batch as the API shows it. */
record QualityCheckView(UUID id, UUID tenantId, UUID batchId, String checkType, String result, BigDecimal score,
                        String notes, UUID checkedBy, OffsetDateTime checkedAt, OffsetDateTime createdAt) {
}
