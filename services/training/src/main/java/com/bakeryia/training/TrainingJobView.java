package com.bakeryia.training;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A training job as the API shows it. */
record TrainingJobView(UUID id, UUID tenantId, UUID productId, String algorithm, String status, UUID requestedBy,
                       OffsetDateTime startedAt, OffsetDateTime finishedAt, OffsetDateTime createdAt) {
}
