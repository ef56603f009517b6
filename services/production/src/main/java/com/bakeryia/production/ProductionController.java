package com.bakeryia.production;

import java.util.UUID;

import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantAccessGuard;
import com.bakeryia.platform.tenancy.ActingUser;
import com.bakeryia.platform.web.PageView;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Equipment, shift schedules, production batches and their quality checks. Members (and services) read; OWNER,
 * ADMIN and MEMBER (and services) write; the tenant service decides membership.
 */
@Tag(name = "Production", description = "Equipment, shift schedules, production batches and their quality checks. Members (and "
        + "services) read; OWNER, ADMIN and MEMBER (and services) write; the tenant service decides "
        + "membership.")
@RestController
@RequestMapping("/api/v1/tenants/{tenant_id}")
class ProductionController {

    private final BakeryEquipment equipment;
    private final ProductionSchedules schedules;
    private final ProductionBatches batches;
    private final TenantAccessGuard guard;

    ProductionController(BakeryEquipment equipment, ProductionSchedules schedules, ProductionBatches batches,
                         TenantAccessGuard guard) {
        this.equipment = equipment;
        this.schedules = schedules;
        this.batches = batches;
        this.guard = guard;
    }

    @Operation(operationId = "addEquipment")
    @PostMapping("/equipment")
    @ResponseStatus(HttpStatus.CREATED)
    EquipmentView addEquipment(@PathVariable("tenant_id") UUID tenantId, @Valid @RequestBody NewEquipment body,
                               Authentication authentication) {
        guard.requireWrite(tenantId, authentication);
        return equipment.add(tenantId, body);
    }

    @Operation(operationId = "listEquipment")
    @GetMapping("/equipment")
    PageView<EquipmentView> listEquipment(@PathVariable("tenant_id") UUID tenantId,
                                          @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                          @RequestParam(defaultValue = "0") @Min(0) int offset,
                                          Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return new PageView<>(equipment.list(tenantId, limit, offset), limit, offset);
    }

    @Operation(operationId = "addProductionSchedule")
    @PostMapping("/production-schedules")
    @ResponseStatus(HttpStatus.CREATED)
    ProductionScheduleView addSchedule(@PathVariable("tenant_id") UUID tenantId,
                                       @Valid @RequestBody NewProductionSchedule schedule, Authentication authentication) {
        CallerPrincipal caller = guard.requireWrite(tenantId, authentication);
        return schedules.add(tenantId, schedule, ActingUser.of(caller, schedule.createdBy(), "created_by"));
    }

    @Operation(operationId = "listProductionSchedules")
    @GetMapping("/production-schedules")
    PageView<ProductionScheduleView> listSchedules(@PathVariable("tenant_id") UUID tenantId,
                                                   @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                                   @RequestParam(defaultValue = "0") @Min(0) int offset,
                                                   Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return new PageView<>(schedules.list(tenantId, limit, offset), limit, offset);
    }

    @Operation(operationId = "planProductionBatch")
    @PostMapping("/production-batches")
    @ResponseStatus(HttpStatus.CREATED)
    ProductionBatchView planBatch(@PathVariable("tenant_id") UUID tenantId, @Valid @RequestBody NewProductionBatch batch,
                                  Authentication authentication) {
        CallerPrincipal caller = guard.requireWrite(tenantId, authentication);
        return batches.plan(tenantId, batch, ActingUser.of(caller, batch.createdBy(), "created_by"));
    }

    @Operation(operationId = "listProductionBatches")
    @GetMapping("/production-batches")
    PageView<ProductionBatchView> listBatches(@PathVariable("tenant_id") UUID tenantId,
                                              @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                              @RequestParam(defaultValue = "0") @Min(0) int offset,
                                              Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return new PageView<>(batches.list(tenantId, limit, offset), limit, offset);
    }

    @Operation(operationId = "recordQualityCheck")
    @PostMapping("/production-batches/{batch_id}/quality-checks")
    @ResponseStatus(HttpStatus.CREATED)
    QualityCheckView checkBatch(@PathVariable("tenant_id") UUID tenantId, @PathVariable("batch_id") UUID batchId,
                                @Valid @RequestBody NewQualityCheck check, Authentication authentication) {
        CallerPrincipal caller = guard.requireWrite(tenantId, authentication);
        return batches.check(tenantId, batchId, check, ActingUser.of(caller, check.checkedBy(), "checked_by"));
    }

    @Operation(operationId = "listQualityChecks")
    @GetMapping("/production-batches/{batch_id}/quality-checks")
    PageView<QualityCheckView> listChecks(@PathVariable("tenant_id") UUID tenantId, @PathVariable("batch_id") UUID batchId,
                                          @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                          @RequestParam(defaultValue = "0") @Min(0) int offset,
                                          Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return new PageView<>(batches.checks(tenantId, batchId, limit, offset), limit, offset);
    }
}
