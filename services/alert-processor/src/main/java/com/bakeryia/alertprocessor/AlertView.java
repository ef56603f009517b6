package com.bakeryia.alertprocessor;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An alert as the API shows it. */
record AlertView(UUID id, UUID tenantId, UUID ruleId, String severity, String title, String message, String status,
                 OffsetDateTime raisedAt, UUID acknowledgedBy, UUID resolvedBy) {
}
