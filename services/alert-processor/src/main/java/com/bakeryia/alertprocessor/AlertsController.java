package com.bakeryia.alertprocessor;

import java.util.UUID;

import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantAccessGuard;
import com.bakeryia.platform.tenancy.ActingUser;
import com.bakeryia.platform.web.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

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
 * A tenant's alert rules and alerts. Members (and services) read; OWNER, ADMIN and MEMBER (and
 * services) write; the tenant service decides membership.
 */
@Tag(name = "Alerts", description = "A tenant's alert rules and alerts. Members (and services) read; OWNER, ADMIN and MEMBER "
        + "(and services) write; the tenant service decides membership.")
@RestController
@RequestMapping("/api/v1/tenants/{tenant_id}")
class AlertsController {

    private final AlertRules rules;
    private final Alerts alerts;
    private final TenantAccessGuard guard;

    AlertsController(AlertRules rules, Alerts alerts, TenantAccessGuard guard) {
        this.rules = rules;
        this.alerts = alerts;
        this.guard = guard;
    }

    @Operation(operationId = "addAlertRule")
    @PostMapping("/alert-rules")
    @ResponseStatus(HttpStatus.CREATED)
    AlertRuleView addRule(@PathVariable("tenant_id") UUID tenantId, @Valid @RequestBody NewAlertRule rule,
                          Authentication authentication) {
        CallerPrincipal caller = guard.requireWrite(tenantId, authentication);
        return rules.add(tenantId, rule, ActingUser.of(caller, rule.createdBy(), "created_by"));
    }

    @Operation(operationId = "listAlertRules")
    @GetMapping("/alert-rules")
    PageView<AlertRuleView> listRules(@PathVariable("tenant_id") UUID tenantId,
                                      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                      @RequestParam(defaultValue = "0") @Min(0) int offset,
                                      Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return new PageView<>(rules.list(tenantId, limit, offset), limit, offset);
    }

    @Operation(operationId = "raiseAlert", summary = "Raise an alert")
    @PostMapping("/alerts")
    @ResponseStatus(HttpStatus.CREATED)
    AlertView raise(@PathVariable("tenant_id") UUID tenantId, @Valid @RequestBody NewAlert alert,
                    Authentication authentication) {
        CallerPrincipal caller = guard.requireWrite(tenantId, authentication);
        return alerts.raise(tenantId, alert, caller.userId().orElse(null));
    }

    @Operation(operationId = "listAlerts")
    @GetMapping("/alerts")
    PageView<AlertView> listAlerts(@PathVariable("tenant_id") UUID tenantId,
                                   @RequestParam(required = false) @Pattern(regexp = "OPEN|ACKNOWLEDGED|RESOLVED",
                                           message = "must be OPEN, ACKNOWLEDGED or RESOLVED") String status,
                                   @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                   @RequestParam(defaultValue = "0") @Min(0) int offset,
                                   Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return new PageView<>(alerts.list(tenantId, status, limit, offset), limit, offset);
    }
}
