package com.bakeryia.sales;

import java.time.LocalDate;
import java.util.UUID;

import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantAccessGuard;
import com.bakeryia.platform.web.ApiProblem;
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
 * Sales records of a tenant. Members (and services) read; OWNER, ADMIN and MEMBER (and services)
 * write; the tenant service decides membership.
 */
@Tag(name = "Sales", description = "Sales records of a tenant. Members (and services) read; OWNER, ADMIN and MEMBER (and "
        + "services) write; the tenant service decides membership.")
@RestController
@RequestMapping("/api/v1/tenants/{tenant_id}")
class SalesController {

    private final SalesRecords sales;
    private final TenantAccessGuard guard;

    SalesController(SalesRecords sales, TenantAccessGuard guard) {
        this.sales = sales;
        this.guard = guard;
    }

    @Operation(operationId = "addSalesRecord")
    @PostMapping("/sales-records")
    @ResponseStatus(HttpStatus.CREATED)
    SalesRecordView addSalesRecord(@PathVariable("tenant_id") UUID tenantId, @Valid @RequestBody NewSalesRecord sale,
                                   Authentication authentication) {
        CallerPrincipal caller = guard.requireWrite(tenantId, authentication);
        return sales.add(tenantId, sale, ActingUser.of(caller, sale.recordedBy(), "recorded_by"));
    }

    @Operation(operationId = "listSalesRecords")
    @GetMapping("/sales-records")
    PageView<SalesRecordView> listSalesRecords(@PathVariable("tenant_id") UUID tenantId,
                                               @RequestParam(required = false) LocalDate from,
                                               @RequestParam(required = false) LocalDate to,
                                               @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                               @RequestParam(defaultValue = "0") @Min(0) int offset,
                                               Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        if (from != null && to != null && to.isBefore(from)) {
            throw ApiProblem.badRequest("Parameter 'to' must not be before 'from'.");
        }
        return new PageView<>(sales.list(tenantId, from, to, limit, offset), limit, offset);
    }
}
