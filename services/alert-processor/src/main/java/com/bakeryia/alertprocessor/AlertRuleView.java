package com.bakeryia.alertprocessor;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An alert rule as the API shows it. */
record AlertRuleView(UUID id, UUID tenantId, String name, String metric, String operator, BigDecimal threshold,
                     String severity, boolean enabled, UUID createdBy, OffsetDateTime createdAt) {
}
