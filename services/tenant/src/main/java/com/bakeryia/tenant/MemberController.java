package com.bakeryia.tenant;

import java.net.URI;
import java.util.UUID;

import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.bakeryia.platform.web.PageView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's members. Reading: members and services. Changing: the OWNER, ADMINs and services. */
@Tag(name = "Tenant members", description = "A tenant's members. Reading: members and services. Changing: the OWNER, ADMINs and "
        + "services.")
@RestController
@RequestMapping("/api/v1/tenants/{tenant_id}/members")
class MemberController {

    private final Tenants tenants;
    private final Memberships memberships;

    MemberController(Tenants tenants, Memberships memberships) {
        this.tenants = tenants;
        this.memberships = memberships;
    }

    record AddMemberRequest(@NotNull UUID userId, @NotNull TenantRole role) {
    }

    record ChangeRoleRequest(@NotNull TenantRole role) {
    }

    /** OWNER, ADMINs and services: adds an existing user as ADMIN, MEMBER or VIEWER. */
    @Operation(operationId = "addTenantMember", summary = "Add a user to a tenant",
            description = "OWNER, ADMINs and services: adds an existing user as ADMIN, MEMBER or VIEWER.")
    @ApiResponse(responseCode = "201", description = "The new membership")
    @PostMapping
    ResponseEntity<MemberView> add(@PathVariable("tenant_id") UUID tenantId, @Valid @RequestBody AddMemberRequest request,
                                   Authentication authentication) {
        MemberView member = memberships.add(tenantId, CallerPrincipal.of(authentication), request.userId(), request.role());
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenantId + "/members/" + member.userId()))
                .body(member);
    }

    /** Members of the tenant (any role) and services: a page of its members. */
    @Operation(operationId = "listTenantMembers", summary = "List a tenant's members, a page at a time",
            description = "Members of the tenant (any role) and services.")
    @GetMapping
    PageView<MemberView> list(@PathVariable("tenant_id") UUID tenantId,
                              @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                              @RequestParam(defaultValue = "0") @Min(0) int offset,
                              Authentication authentication) {
        tenants.caller(tenantId, CallerPrincipal.of(authentication), false).requireMember();
        return new PageView<>(memberships.list(tenantId, limit, offset), limit, offset);
    }

    /** OWNER, ADMINs and services: changes a member's role (never the owner's, never to OWNER). */
    @Operation(operationId = "changeMemberRole", summary = "Change a member's role",
            description = "OWNER, ADMINs and services: changes a member's role (never the owner's, never to OWNER).")
    @PatchMapping("/{user_id}")
    MemberView changeRole(@PathVariable("tenant_id") UUID tenantId, @PathVariable("user_id") UUID userId,
                          @Valid @RequestBody ChangeRoleRequest request, Authentication authentication) {
        return memberships.changeRole(tenantId, CallerPrincipal.of(authentication), userId, request.role());
    }

    /** OWNER, ADMINs and services remove a member; any member may remove themselves; never the owner. */
    @Operation(operationId = "removeTenantMember", summary = "Remove a member from a tenant",
            description = "OWNER, ADMINs and services remove a member; any member may remove themselves; never the "
            + "owner.")
    @DeleteMapping("/{user_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable("tenant_id") UUID tenantId, @PathVariable("user_id") UUID userId,
                Authentication authentication) {
        memberships.remove(tenantId, CallerPrincipal.of(authentication), userId);
    }
}
