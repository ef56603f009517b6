package com.bakeryia.platform.web;

import java.util.List;
import java.util.Map;

import com.bakeryia.platform.data.ServiceDatabase;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/{service}/info}: which schema and migration a running service is at (services only). */
@Tag(name = "service info", description = "`GET /api/v1/{service}/info`: which schema and migration a running service is at (services "
        + "only).")
@RestController
public class ServiceInfoController {

    private final List<ServiceDatabase> databases;

    public ServiceInfoController(List<ServiceDatabase> databases) {
        this.databases = databases;
    }

    @Operation(summary = "A service's schema and migration version")
    @GetMapping("/api/v1/{service}/info")
    @PreAuthorize("hasRole('SERVICE')")
    public Map<String, Object> info(@PathVariable String service) {
        ServiceDatabase database = databases.stream()
                .filter(candidate -> candidate.module().name().equals(service))
                .findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Service '" + service + "' does not run in this process."));
        String version = database.migrationVersion();
        return Map.of(
                "service", service,
                "schema", database.schema(),
                "migration_version", version == null ? "none" : version,
                "database", database.location());
    }
}
