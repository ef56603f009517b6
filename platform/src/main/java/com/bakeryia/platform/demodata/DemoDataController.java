package com.bakeryia.platform.demodata;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.config.BakeryProperties;
import com.bakeryia.platform.deletion.DataServices;
import com.bakeryia.platform.remote.RemoteServices;
import com.bakeryia.platform.tenancy.TenantDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bulk data generator over HTTP (services only). Both endpoints answer when the rows are
 * written; an unknown size is a 400, a missing tenant a 404, a tenant that is not ACTIVE a 409, and
 * so is one that stops being ACTIVE while its rows are written (its deletion was scheduled or
 * started): writing stops before the next chunk, and the rows written until then go with the tenant.
 *
 * <ul>
 *   <li>{@code POST /api/v1/tenants/{tenant_id}/demo-data?size=small|medium|large|xlarge|xxlarge}: every
 *       data service, here and in other processes, with counts per service and table, total rows,
 *       elapsed time and rows per second;</li>
 *   <li>{@code POST /api/v1/{service}/tenant/{tenant_id}/demo-data?size=...}: one service of this
 *       process (how the first endpoint reaches services in other processes).</li>
 * </ul>
 */
@Tag(name = "Demo data", description = "The bulk data generator over HTTP (services only). Both endpoints answer when the rows are "
        + "written; an unknown size is a 400, a missing tenant a 404, a tenant that is not ACTIVE a "
        + "409, and so is one that stops being ACTIVE while its rows are written (its deletion was "
        + "scheduled or started): writing stops before the next chunk, and the rows written until then "
        + "go with the tenant. * `POST "
        + "/api/v1/tenants/{tenant_id}/demo-data?size=small|medium|large|xlarge|xxlarge`: every data service, "
        + "here and in other processes, with counts per service and table, total rows, elapsed time "
        + "and rows per second; `POST /api/v1/{service}/tenant/{tenant_id}/demo-data?size=...`: one "
        + "service of this process (how the first endpoint reaches services in other processes).")
@RestController
@PreAuthorize("hasRole('SERVICE')")
public class DemoDataController {

    private final DemoDataGenerator generator;

    public DemoDataController(List<DemoDataContributor> contributors, DataServices dataServices, TenantDirectory directory,
                              RemoteServices remoteServices, BakeryProperties properties, Clock clock) {
        this.generator = new DemoDataGenerator(contributors, dataServices, directory, remoteServices, properties, clock);
    }

    @Operation(operationId = "generateDemoData", summary = "Fill a tenant with generated demo data in every data service")
    @PostMapping("/api/v1/tenants/{tenant_id}/demo-data")
    public DemoDataReport fillTenant(@PathVariable("tenant_id") UUID tenantId,
                                     @RequestParam(defaultValue = "small") String size) {
        return generator.fillEverywhere(tenantId, DemoDataGenerator.parseSize(size));
    }

    @Operation(operationId = "generateServiceDemoData", summary = "Fill a tenant with generated demo data in one service of this process")
    @PostMapping("/api/v1/{service}/tenant/{tenant_id}/demo-data")
    public DemoDataReport.ServiceRows fillService(@PathVariable String service,
                                                  @PathVariable("tenant_id") UUID tenantId,
                                                  @RequestParam(defaultValue = "small") String size) {
        return generator.fillLocal(service, tenantId, DemoDataGenerator.parseSize(size));
    }
}
