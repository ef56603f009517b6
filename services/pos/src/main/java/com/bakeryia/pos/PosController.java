package com.bakeryia.pos;

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
 * Tills, cashier sessions and transactions of a tenant. Members (and services) read; OWNER, ADMIN
 * and MEMBER (and services) write; the tenant service decides membership.
 */
@Tag(name = "Point of sale", description = "Tills, cashier sessions and transactions of a tenant. Members (and services) read; OWNER, "
        + "ADMIN and MEMBER (and services) write; the tenant service decides membership.")
@RestController
@RequestMapping("/api/v1/tenants/{tenant_id}")
class PosController {

    private final PosConfigurations configurations;
    private final PosSessions sessions;
    private final PosTransactions transactions;
    private final TenantAccessGuard guard;

    PosController(PosConfigurations configurations, PosSessions sessions, PosTransactions transactions,
                  TenantAccessGuard guard) {
        this.configurations = configurations;
        this.sessions = sessions;
        this.transactions = transactions;
        this.guard = guard;
    }

    @Operation(operationId = "addPosConfiguration", summary = "Add a till (POS configuration)")
    @PostMapping("/pos-configurations")
    @ResponseStatus(HttpStatus.CREATED)
    PosConfigurationView addConfiguration(@PathVariable("tenant_id") UUID tenantId,
                                          @Valid @RequestBody NewPosConfiguration configuration,
                                          Authentication authentication) {
        CallerPrincipal caller = guard.requireWrite(tenantId, authentication);
        return configurations.add(tenantId, configuration, ActingUser.of(caller, configuration.createdBy(), "created_by"));
    }

    @Operation(operationId = "listPosConfigurations", summary = "List tills (POS configurations)")
    @GetMapping("/pos-configurations")
    PageView<PosConfigurationView> listConfigurations(@PathVariable("tenant_id") UUID tenantId,
                                                      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                                      @RequestParam(defaultValue = "0") @Min(0) int offset,
                                                      Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return new PageView<>(configurations.list(tenantId, limit, offset), limit, offset);
    }

    @Operation(operationId = "openPosSession", summary = "Open a cashier session")
    @PostMapping("/pos-sessions")
    @ResponseStatus(HttpStatus.CREATED)
    PosSessionView openSession(@PathVariable("tenant_id") UUID tenantId, @Valid @RequestBody NewPosSession session,
                               Authentication authentication) {
        CallerPrincipal caller = guard.requireWrite(tenantId, authentication);
        return sessions.open(tenantId, session, ActingUser.of(caller, session.openedBy(), "opened_by"));
    }

    @Operation(operationId = "listPosSessions", summary = "List cashier sessions")
    @GetMapping("/pos-sessions")
    PageView<PosSessionView> listSessions(@PathVariable("tenant_id") UUID tenantId,
                                          @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                          @RequestParam(defaultValue = "0") @Min(0) int offset,
                                          Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return new PageView<>(sessions.list(tenantId, limit, offset), limit, offset);
    }

    @Operation(operationId = "recordPosTransaction", summary = "Record a till transaction")
    @PostMapping("/pos-transactions")
    @ResponseStatus(HttpStatus.CREATED)
    PosTransactionView recordTransaction(@PathVariable("tenant_id") UUID tenantId,
                                         @Valid @RequestBody NewPosTransaction transaction,
                                         Authentication authentication) {
        CallerPrincipal caller = guard.requireWrite(tenantId, authentication);
        return transactions.record(tenantId, transaction, ActingUser.of(caller, transaction.createdBy(), "created_by"));
    }

    @Operation(operationId = "listPosTransactions", summary = "List till transactions")
    @GetMapping("/pos-transactions")
    PageView<PosTransactionView> listTransactions(@PathVariable("tenant_id") UUID tenantId,
                                                  @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                                  @RequestParam(defaultValue = "0") @Min(0) int offset,
                                                  Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return new PageView<>(transactions.list(tenantId, limit, offset), limit, offset);
    }
}
