package com.bakeryia.production;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/production-schedules}: one shift of one day,
 * to which batches are then planned.
 *
 * @param scheduleDate the day
 * @param shift        NIGHT, MORNING or AFTERNOON; one schedule per day and shift
 * @param notes        free text for the shift
 * @param createdBy    only a service may set it; a user's own id is used otherwise
 */
record NewProductionSchedule(
        @NotNull LocalDate scheduleDate,
        @NotNull @Pattern(regexp = "NIGHT|MORNING|AFTERNOON", message = "must be one of NIGHT|MORNING|AFTERNOON") String shift,
        @Size(max = 2000) String notes,
        UUID createdBy) {
}
