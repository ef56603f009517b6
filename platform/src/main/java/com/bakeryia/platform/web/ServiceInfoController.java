package com.bakeryia.platform.web;

import java.util.List;

import com.bakeryia.platform.data.ServiceDatabase;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/{service}/info}: which schema and migration a running service is at (services only). */
@Tag(name = "Service info", description = "`GET /api/v1/{service}/info`: which schema and migration a running service is at (services "
        + "only).")
@RestController
public class ServiceInfoController {

    private final List<ServiceDatabase> databases;

    public ServiceInfoController(List<ServiceDatabase> databases) {
        this.databases = databases;
    }

    @Operation(operationId = "getServiceInfo", summary = "A service's schema and migration version")
    @GetMapping("/api/v1/{service}/info")
    @PreAuthorize("hasRole('SERVICE')")
    public ServiceInfo info(@PathVariable String service) {
        ServiceDatabase database = databases.stream()
                .filter(candidate -> candidate.module().name().equals(service))
                .findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Service '" + service + "' does not run in this process."));
        String version = database.migrationVersion();
        return new ServiceInfo(service, database.schema(), version == null ? "none" : version, database.location());
    }

    /** Where a service keeps its data and how far its migrations have run. */
    public record ServiceInfo(
            @Schema(description = "The service, as named in the path") String service,
            @Schema(description = "Its database schema") String schema,
            @Schema(description = "The latest migration applied, or none") String migrationVersion,
            @Schema(description = "Which database holds the schema: its JDBC URL without parameters") String database) {
    }
}
