package com.bakeryia.production;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A shift schedule as the API shows it. */
record ProductionScheduleView(UUID id, UUID tenantId, LocalDate scheduleDate, String shift, String status, String notes,
                              UUID createdBy, OffsetDateTime createdAt) {
}
