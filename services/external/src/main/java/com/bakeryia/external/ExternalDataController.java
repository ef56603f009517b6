package com.bakeryia.external;

import java.util.UUID;

import com.bakeryia.platform.tenancy.TenantAccessGuard;
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
 * A tenant's cached external data. Members (and services) read; OWNER, ADMIN and MEMBER (and
 * services) write; the tenant service decides membership.
 */
@Tag(name = "External data", description = "A tenant's cached external data. Members (and services) read; OWNER, ADMIN and MEMBER (and "
        + "services) write; the tenant service decides membership.")
@RestController
@RequestMapping("/api/v1/tenants/{tenant_id}")
class ExternalDataController {

    private final ExternalDataCache cache;
    private final TenantAccessGuard guard;

    ExternalDataController(ExternalDataCache cache, TenantAccessGuard guard) {
        this.cache = cache;
        this.guard = guard;
    }

    @Operation(operationId = "storeExternalData", summary = "Store an external provider's answer")
    @PostMapping("/external-data")
    @ResponseStatus(HttpStatus.CREATED)
    CacheEntryView put(@PathVariable("tenant_id") UUID tenantId, @Valid @RequestBody NewCacheEntry entry,
                       Authentication authentication) {
        guard.requireWrite(tenantId, authentication);
        return cache.put(tenantId, entry);
    }

    @Operation(operationId = "listExternalData", summary = "List stored external data")
    @GetMapping("/external-data")
    PageView<CacheEntryView> list(@PathVariable("tenant_id") UUID tenantId,
                                  @RequestParam(required = false) @Pattern(regexp = "WEATHER|TRAFFIC|HOLIDAYS|EVENTS",
                                          message = "must be WEATHER, TRAFFIC, HOLIDAYS or EVENTS") String source,
                                  @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                  @RequestParam(defaultValue = "0") @Min(0) int offset,
                                  Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return new PageView<>(cache.list(tenantId, source, limit, offset), limit, offset);
    }
}
