package com.bakeryia.platform.deletion;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.bakeryia.deletion.ExportSource;
import com.bakeryia.platform.data.ServiceDatabase;

/**
 * The export sources of the services running in this process: one {@link SqlExportSource} for
 * every service with a {@link DeletionPlan} and a database here. Which of them an export asks is
 * the exporter's choice (a tenant's export asks the data services and the tenant service).
 */
public class LocalExportSources {

    private final Map<String, ExportSource> byService;

    public LocalExportSources(List<DeletionPlan> plans, List<ServiceDatabase> databases) {
        Map<String, ServiceDatabase> databaseByService = databases.stream()
                .collect(Collectors.toMap(database -> database.module().name(), Function.identity()));
        this.byService = plans.stream().filter(plan -> databaseByService.containsKey(plan.service()))
                .sorted(Comparator.comparing(DeletionPlan::service))
                .collect(Collectors.toMap(DeletionPlan::service,
                        plan -> (ExportSource) new SqlExportSource(databaseByService.get(plan.service()), plan),
                        (first, second) -> first, LinkedHashMap::new));
    }

    public Optional<ExportSource> find(String service) {
        return Optional.ofNullable(byService.get(service));
    }
}
