package com.bakeryia.tenant;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.retention.Country;
import com.bakeryia.platform.retention.RetentionProperties;
import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantAccess;
import com.bakeryia.platform.tenancy.TenantAccessGuard;
import com.bakeryia.platform.tenancy.TenantDirectory;
import com.bakeryia.platform.tenancy.TenantRole;
import com.bakeryia.platform.tenancy.TenantStatus;
import com.bakeryia.platform.web.ApiProblem;
import com.bakeryia.platform.web.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tenants: creation, reading, marking for deletion (the deletion orchestrator serves the tenant
 * DELETE), transfer of ownership, its admins, and the lookups other services make. Each method states who may call it.
 */
@Tag(name = "Tenants", description = "Tenants: creation, reading, marking for deletion (the deletion orchestrator serves the "
        + "tenant DELETE), transfer of ownership, its admins, and the lookups other services make. "
        + "Each method states who may call it.")
@RestController
@RequestMapping("/api/v1/tenants")
class TenantController {

    private static final Logger log = LoggerFactory.getLogger(TenantController.class);

    private final Tenants tenants;
    private final Memberships memberships;
    private final TenantDirectory directory;
    private final TenantAccessGuard guard;
    private final RetentionProperties retention;

    TenantController(Tenants tenants, Memberships memberships, TenantDirectory directory, TenantAccessGuard guard,
                     RetentionProperties retention) {
        this.tenants = tenants;
        this.retention = retention;
        this.memberships = memberships;
        this.directory = directory;
        this.guard = guard;
    }

    /** A lifecycle status change; see {@link #setStatus}. */
    @Schema(name = "TenantStatusChange")
    record StatusChange(@NotNull TenantStatus status, java.time.Instant deletionScheduledFor) {
    }

    /** One membership of a user, as {@code GET /api/v1/tenants/user/{user_id}/memberships} lists it. */
    record UserMembershipView(UUID tenantId, TenantRole role, java.time.Instant joinedAt) {
    }

    /**
     * A new tenant.
     *
     * @param name    the bakery's name
     * @param country its jurisdiction, an ISO 3166-1 alpha-2 code ({@code ES}, {@code DE}, {@code FR}, ...;
     *                either case): its law decides what the platform keeps after the tenant's deletion;
     *                absent: {@code bakery.retention.default-country}
     */
    record CreateTenantRequest(@NotBlank @Size(max = 200) String name,
                               @Schema(description = "ISO 3166-1 alpha-2 code of the tenant's jurisdiction (its law decides "
                                       + "what is kept after a deletion); absent: the platform's default country",
                                       example = "ES") @Size(max = 2) String country) {
    }

    record TransferOwnershipRequest(@NotNull UUID newOwnerId) {
    }

    /**
     * Users only: the caller becomes the OWNER and the tenant gets a subscription. {@code country}
     * (ISO 3166-1 alpha-2) is its jurisdiction; absent, the platform's default.
     */
    @Operation(operationId = "createTenant", summary = "Create a tenant (the caller becomes its owner)",
            description = "Users only: the caller becomes the OWNER and the tenant gets a subscription. `country` (ISO "
            + "3166-1 alpha-2) is its jurisdiction, whose law decides what is kept after its deletion; absent, the "
            + "platform's default (`bakery.retention.default-country`).")
    @ApiResponse(responseCode = "201", description = "The new tenant")
    @ApiResponse(responseCode = "400", description = "No name, or a country that is not an ISO 3166-1 alpha-2 code",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping
    @PreAuthorize("hasRole('USER')")
    ResponseEntity<TenantView> create(@Valid @RequestBody CreateTenantRequest request, Authentication authentication) {
        UUID owner = CallerPrincipal.of(authentication).userId()
                .orElseThrow(() -> ApiProblem.unauthorized("The token's subject is not a user id."));
        if (request.country() != null && !Country.isValid(request.country())) {
            throw ApiProblem.badRequest("country: not an ISO 3166-1 alpha-2 country code (ES, DE, FR, ...).")
                    .with("field", "country");
        }
        Country country = request.country() == null ? retention.defaultCountry() : Country.of(request.country());
        TenantRecord tenant = tenants.create(request.name().strip(), owner, country);
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant.id())).body(TenantView.of(tenant));
    }

    /** Users only: a page of the tenants the caller belongs to, with the caller's role in each. */
    @Operation(operationId = "listMyTenants", summary = "List the caller's tenants, a page at a time",
            description = "Users only: the tenants the caller belongs to, with the caller's role in each.")
    @GetMapping
    @PreAuthorize("hasRole('USER')")
    PageView<TenantView> mine(@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                              @RequestParam(defaultValue = "0") @Min(0) int offset,
                              Authentication authentication) {
        List<TenantView> page = CallerPrincipal.of(authentication).userId()
                .map(user -> tenants.ofUser(user, limit, offset)).orElse(List.of());
        return new PageView<>(page, limit, offset);
    }

    /** Members of the tenant (any role) and services. */
    @Operation(operationId = "getTenant", summary = "Read a tenant",
            description = "Members of the tenant (any role) and services.")
    @GetMapping("/{tenant_id}")
    TenantView get(@PathVariable("tenant_id") UUID tenantId, Authentication authentication) {
        return TenantView.of(tenants.caller(tenantId, CallerPrincipal.of(authentication), false).requireMember().tenant());
    }

    /**
     * Services only (the deletion orchestrator): moves the tenant along its lifecycle.
     * {@code PENDING_DELETION} with {@code deletion_scheduled_for}: its deletion is scheduled (no
     * writes, members still read); {@code ACTIVE}: a scheduled deletion was cancelled;
     * {@code DELETING}: its data is being deleted (nobody acts on it). DELETING is final: restoring
     * or rescheduling it is a 409. 200 with the tenant.
     */
    @PutMapping("/{tenant_id}/status")
    @PreAuthorize("hasRole('SERVICE')")
    @Operation(operationId = "changeTenantStatus", summary = "Schedule, cancel or start the tenant's deletion (services: the deletion orchestrator)",
            description = "Services only (the deletion orchestrator): moves the tenant along its lifecycle. "
            + "`PENDING_DELETION` with `deletion_scheduled_for`: its deletion is scheduled (no writes, "
            + "members still read); `ACTIVE`: a scheduled deletion was cancelled; `DELETING`: its data is "
            + "being deleted (nobody acts on it). DELETING is final: restoring or rescheduling it is a "
            + "409. 200 with the tenant.")
    @ApiResponse(responseCode = "200", description = "The tenant in its new status (also when it already was)")
    @ApiResponse(responseCode = "400", description = "An unknown status, deletion_scheduled_for missing or out of place,"
            + " or a malformed tenant id", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not a service", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such tenant", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The tenant is DELETING: it can no longer be restored or rescheduled",
            content = @Content(mediaType = "application/problem+json"))
    TenantView setStatus(@PathVariable("tenant_id") UUID tenantId, @Valid @RequestBody StatusChange change,
                         Authentication authentication) {
        CallerPrincipal principal = CallerPrincipal.of(authentication);
        if (change.status() == TenantStatus.PENDING_DELETION && change.deletionScheduledFor() == null) {
            throw ApiProblem.badRequest("deletion_scheduled_for: required with status PENDING_DELETION.")
                    .with("field", "deletion_scheduled_for");
        }
        if (change.status() != TenantStatus.PENDING_DELETION && change.deletionScheduledFor() != null) {
            throw ApiProblem.badRequest("deletion_scheduled_for: only with status PENDING_DELETION.")
                    .with("field", "deletion_scheduled_for");
        }
        TenantRecord tenant = switch (change.status()) {
            case DELETING -> tenants.markDeleting(tenantId, principal);
            case PENDING_DELETION -> tenants.scheduleDeletion(tenantId, principal, change.deletionScheduledFor());
            case ACTIVE -> tenants.restore(tenantId, principal);
        };
        guard.evict(tenantId);
        log.info("Tenant {} is {} (set by {} {})", tenantId, tenant.status(), principal.kind(), principal.subject());
        return TenantView.of(tenant);
    }

    /** Services only: a page of the user's memberships in every tenant, with role and since when. */
    @GetMapping("/user/{user_id}/memberships")
    @PreAuthorize("hasRole('SERVICE')")
    @Operation(operationId = "listUserMemberships", summary = "The user's memberships in every tenant (services: the deletion orchestrator)",
            description = "Services only: the user's memberships in every tenant, with role and since when.")
    @ApiResponse(responseCode = "200", description = "A page of the tenants the user belongs to (by tenant id); empty when none")
    @ApiResponse(responseCode = "400", description = "A malformed user id", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not a service", content = @Content(mediaType = "application/problem+json"))
    PageView<UserMembershipView> memberships(@PathVariable("user_id") UUID userId,
                                             @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                             @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return new PageView<>(memberships.ofUser(userId, limit, offset), limit, offset);
    }

    /** Services only: removes the user from every tenant; memberships they own are reported as blocking. */
    @Operation(operationId = "removeUserMemberships", summary = "Remove a user from every tenant",
            description = "Services only: removes the user from every tenant; memberships they own are reported as "
            + "blocking.")
    @DeleteMapping("/user/{user_id}/memberships")
    @PreAuthorize("hasRole('SERVICE')")
    UserMembershipsRemoval removeUser(@PathVariable("user_id") UUID userId,
                                      @RequestParam(name = "run_id", required = false) UUID runId) {
        return runId == null ? memberships.removeAllOf(userId) : memberships.removeAllOf(userId, runId);
    }

    /** The current OWNER and services: hands ownership to an ADMIN, who becomes OWNER; the old owner becomes ADMIN. */
    @Operation(operationId = "transferTenantOwnership", summary = "Transfer a tenant's ownership to one of its admins",
            description = "The current OWNER and services: hands ownership to an ADMIN, who becomes OWNER; the old "
            + "owner becomes ADMIN.")
    @PostMapping("/{tenant_id}/transfer-ownership")
    OwnershipTransfer transferOwnership(@PathVariable("tenant_id") UUID tenantId,
                                        @Valid @RequestBody TransferOwnershipRequest request,
                                        Authentication authentication) {
        return memberships.transfer(tenantId, CallerPrincipal.of(authentication), request.newOwnerId());
    }

    /** Members of the tenant and services: a page of the OWNER and the ADMINs, with since when. */
    @Operation(operationId = "listTenantAdmins", summary = "List a tenant's owner and admins, a page at a time",
            description = "Members of the tenant and services: the OWNER and the ADMINs, with since when.")
    @GetMapping("/{tenant_id}/admins")
    PageView<MemberView> admins(@PathVariable("tenant_id") UUID tenantId,
                                @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                @RequestParam(defaultValue = "0") @Min(0) int offset,
                                Authentication authentication) {
        tenants.caller(tenantId, CallerPrincipal.of(authentication), false).requireMember();
        return new PageView<>(memberships.admins(tenantId, limit, offset), limit, offset);
    }

    /** Services only: the tenant's status and the user's role in it (absent when not a member). */
    @Operation(operationId = "getTenantAccess", summary = "A tenant's status and a user's role in it",
            description = "Services only: the tenant's status and the user's role in it (absent when not a member).")
    @GetMapping("/{tenant_id}/access")
    @PreAuthorize("hasRole('SERVICE')")
    TenantAccess access(@PathVariable("tenant_id") UUID tenantId, @RequestParam("user_id") UUID userId) {
        return directory.access(tenantId, userId)
                .orElseThrow(() -> ApiProblem.notFound("Tenant " + tenantId + " does not exist."));
    }
}
