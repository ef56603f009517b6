package com.bakeryia.platform.deletion;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.platform.data.ServiceDatabase;

/**
 * The deletion participants running in this process: one {@link SqlDeletionParticipant} per
 * {@link DeletionPlan} bean, plus any service's own {@link DeletionParticipant} bean. Building it
 * runs the coverage guard of every plan, so an uncovered table stops start-up, naming the table.
 */
public class LocalDeletionParticipants {

    private final Map<String, DeletionParticipant> byService;

    public LocalDeletionParticipants(List<DeletionPlan> plans, List<DeletionParticipant> customParticipants,
                                     List<ServiceDatabase> databases, DeletionProperties properties, Clock clock) {
        Map<String, ServiceDatabase> databaseByService = databases.stream()
                .collect(Collectors.toMap(database -> database.module().name(), Function.identity()));
        List<DeletionParticipant> all = new ArrayList<>(customParticipants);
        for (DeletionPlan plan : plans) {
            ServiceDatabase database = databaseByService.get(plan.service());
            if (database == null) {
                throw new IllegalStateException("Deletion plan for " + plan.service() + ", which does not run here");
            }
            DeletionCoverageGuard.check(database, plan);
            all.add(new SqlDeletionParticipant(database, plan, properties.batchSize(), clock));
        }
        this.byService = all.stream().sorted(Comparator.comparing(DeletionParticipant::service))
                .collect(Collectors.toMap(DeletionParticipant::service, Function.identity(),
                        (first, second) -> {
                            throw new IllegalStateException("Two deletion participants for " + first.service());
                        }, java.util.LinkedHashMap::new));
    }

    public List<DeletionParticipant> all() {
        return List.copyOf(byService.values());
    }

    public Optional<DeletionParticipant> find(String service) {
        return Optional.ofNullable(byService.get(service));
    }
}
