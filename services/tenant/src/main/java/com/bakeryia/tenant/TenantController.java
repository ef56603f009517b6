package com.bakeryia.tenant;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.deletion.DeletionJobLauncher;
import com.bakeryia.platform.deletion.DeletionJobRef;
import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantAccess;
import com.bakeryia.platform.tenancy.TenantAccessGuard;
import com.bakeryia.platform.tenancy.TenantDirectory;
import com.bakeryia.platform.web.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
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
 * Tenants: creation, reading, deletion (through a deletion job), transfer of ownership, its admins,
 * and the lookups other services make. Each method states who may call it.
 */
@RestController
@RequestMapping("/api/v1/tenants")
class TenantController {

    private static final Logger log = LoggerFactory.getLogger(TenantController.class);

    private final Tenants tenants;
    private final Memberships memberships;
    private final TenantDirectory directory;
    private final TenantAccessGuard guard;
    private final DeletionJobLauncher launcher;

    TenantController(Tenants tenants, Memberships memberships, TenantDirectory directory, TenantAccessGuard guard,
                     DeletionJobLauncher launcher) {
        this.tenants = tenants;
        this.memberships = memberships;
        this.directory = directory;
        this.guard = guard;
        this.launcher = launcher;
    }

    /**
     * The answer to a tenant DELETE.
     *
     * @param jobId  the deletion job, readable at {@code GET /api/v1/deletion-jobs/{job_id}}
     * @param status the job's status: PENDING, RUNNING, COMPLETED or FAILED
     */
    record TenantDeletionStarted(UUID tenantId, UUID jobId, String status) {
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
     * The tenant's OWNER and ADMINs, and services: marks the tenant DELETING and starts its deletion
     * job in the orchestrator (or finds the tenant's unfinished one: repeating never starts a second).
     * 202 with the job id and status, and the job's Location. The job deletes the tenant's data in
     * every service, verifies none is left, and only then removes the tenant record itself.
     */
    @DeleteMapping("/{tenant_id}")
    ResponseEntity<TenantDeletionStarted> delete(@PathVariable("tenant_id") UUID tenantId, Authentication authentication) {
        CallerPrincipal principal = CallerPrincipal.of(authentication);
        tenants.markDeleting(tenantId, principal);
        guard.evict(tenantId);
        DeletionJobRef job;
        try {
            job = launcher.startTenantDeletion(tenantId, principal);
        } catch (RuntimeException e) {
            log.warn("Tenant {} is DELETING but its deletion job could not be started: {}", tenantId, e.getMessage());
            throw ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "Tenant " + tenantId + " is marked DELETING, but the"
                    + " deletion orchestrator could not start its job; repeat the request to start it.");
        }
        log.info("Tenant {} marked DELETING by {} {}; deletion job {} is {}", tenantId, principal.kind(),
                principal.subject(), job.jobId(), job.status());
        return ResponseEntity.accepted().location(URI.create(job.location()))
                .body(new TenantDeletionStarted(tenantId, job.jobId(), job.status()));
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
