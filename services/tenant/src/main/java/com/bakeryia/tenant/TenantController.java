package com.bakeryia.tenant;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantAccess;
import com.bakeryia.platform.tenancy.TenantDirectory;
import com.bakeryia.platform.web.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tenants: creation, reading, deletion of the tenant's records, transfer of ownership, its admins,
 * and the lookups other services make. Each method states who may call it.
 */
@RestController
@RequestMapping("/api/v1/tenants")
class TenantController {

    private final Tenants tenants;
    private final Memberships memberships;
    private final TenantRecordDeletion deletion;
    private final TenantDirectory directory;

    TenantController(Tenants tenants, Memberships memberships, TenantRecordDeletion deletion, TenantDirectory directory) {
        this.tenants = tenants;
        this.memberships = memberships;
        this.deletion = deletion;
        this.directory = directory;
    }

    record CreateTenantRequest(@NotBlank @Size(max = 200) String name) {
    }

    record TransferOwnershipRequest(@NotNull UUID newOwnerId) {
    }

    /** Users only: the caller becomes the OWNER and the tenant gets a subscription. */
    @PostMapping
    @PreAuthorize("hasRole('USER')")
    ResponseEntity<TenantView> create(@Valid @RequestBody CreateTenantRequest request, Authentication authentication) {
        UUID owner = CallerPrincipal.of(authentication).userId()
                .orElseThrow(() -> ApiProblem.unauthorized("The token's subject is not a user id."));
        TenantRecord tenant = tenants.create(request.name().strip(), owner);
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant.id())).body(TenantView.of(tenant));
    }

    /** Users only: the tenants the caller belongs to, with the caller's role in each. */
    @GetMapping
    @PreAuthorize("hasRole('USER')")
    List<TenantView> mine(Authentication authentication) {
        return CallerPrincipal.of(authentication).userId().map(tenants::ofUser).orElse(List.of());
    }

    /** Members of the tenant (any role) and services. */
    @GetMapping("/{tenant_id}")
    TenantView get(@PathVariable("tenant_id") UUID tenantId, Authentication authentication) {
        return TenantView.of(tenants.caller(tenantId, CallerPrincipal.of(authentication), false).requireMember().tenant());
    }

    /**
     * The tenant's OWNER and ADMINs, and services: runs the tenant service's own part of deleting
     * the tenant and answers its summary.
     */
    @DeleteMapping("/{tenant_id}")
    TenantDeletionSummary delete(@PathVariable("tenant_id") UUID tenantId, Authentication authentication) {
        CallerPrincipal principal = CallerPrincipal.of(authentication);
        if (!principal.isService()) {
            tenants.caller(tenantId, principal, false).requireManager("delete the tenant");
        }
        return deletion.delete(tenantId, principal);
    }

    /** Services only: removes the user from every tenant; memberships they own are reported as blocking. */
    @DeleteMapping("/user/{user_id}/memberships")
    @PreAuthorize("hasRole('SERVICE')")
    UserMembershipsRemoval removeUser(@PathVariable("user_id") UUID userId) {
        return memberships.removeAllOf(userId);
    }

    /** The current OWNER and services: hands ownership to an ADMIN, who becomes OWNER; the old owner becomes ADMIN. */
    @PostMapping("/{tenant_id}/transfer-ownership")
    OwnershipTransfer transferOwnership(@PathVariable("tenant_id") UUID tenantId,
                                        @Valid @RequestBody TransferOwnershipRequest request,
                                        Authentication authentication) {
        return memberships.transfer(tenantId, CallerPrincipal.of(authentication), request.newOwnerId());
    }

    /** Members of the tenant and services: the OWNER and the ADMINs, with since when. */
    @GetMapping("/{tenant_id}/admins")
    List<MemberView> admins(@PathVariable("tenant_id") UUID tenantId, Authentication authentication) {
        tenants.caller(tenantId, CallerPrincipal.of(authentication), false).requireMember();
        return memberships.admins(tenantId);
    }

    /** Services only: the tenant's status and the user's role in it (absent when not a member). */
    @GetMapping("/{tenant_id}/access")
    @PreAuthorize("hasRole('SERVICE')")
    TenantAccess access(@PathVariable("tenant_id") UUID tenantId, @RequestParam("user_id") UUID userId) {
        return directory.access(tenantId, userId)
                .orElseThrow(() -> ApiProblem.notFound("Tenant " + tenantId + " does not exist."));
    }
}
