package com.bakeryia.production;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/equipment}.
 *
 * @param name          unique within the tenant
 * @param equipmentType OVEN, MIXER, PROOFER, FREEZER, SHEETER or OTHER
 * @param status        OPERATIONAL (default), MAINTENANCE or OUT_OF_SERVICE
 */
record NewEquipment(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Pattern(regexp = "OVEN|MIXER|PROOFER|FREEZER|SHEETER|OTHER",
                message = "must be one of OVEN|MIXER|PROOFER|FREEZER|SHEETER|OTHER") String equipmentType,
        @Pattern(regexp = "OPERATIONAL|MAINTENANCE|OUT_OF_SERVICE",
                message = "must be one of OPERATIONAL|MAINTENANCE|OUT_OF_SERVICE") String status) {
}
