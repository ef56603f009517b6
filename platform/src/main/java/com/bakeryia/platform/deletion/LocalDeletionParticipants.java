package com.bakeryia.platform.deletion;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.deletion.DeletionPreview;
import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionScan;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.deletion.RetainedRecordPage;
import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.retention.TenantRetention;

/**
 * The deletion participants running in this process: one {@link SqlDeletionParticipant} per
 * {@link DeletionPlan} bean the engine runs, plus any service's own {@link DeletionParticipant}
 * bean. Building it runs the coverage guard on the schema of every service in the process (every
 * {@link ServiceDatabase}), against the service's plan or, when it declares none, an empty one, so
 * an uncovered table or column stops start-up, naming it.
 */
public class LocalDeletionParticipants {

    private final Map<String, DeletionParticipant> byService;
    private final Map<String, DeletionPlan> plans;
    private final ChunkGate gate;

    /** Records the law keeps are kept by the bundled catalogue, every tenant in the default country. */
    public LocalDeletionParticipants(List<DeletionPlan> plans, List<DeletionParticipant> customParticipants,
                                     List<ServiceDatabase> databases, DeletionProperties properties, Clock clock) {
        this(plans, customParticipants, databases, properties, clock, TenantRetention.bundledDefaults());
    }

    /** {@code retention}: the rules by which a tenant deletion keeps what the law of the tenant's country keeps. */
    public LocalDeletionParticipants(List<DeletionPlan> plans, List<DeletionParticipant> customParticipants,
                                     List<ServiceDatabase> databases, DeletionProperties properties, Clock clock,
                                     TenantRetention retention) {
        Map<String, ServiceDatabase> databaseByService = databases.stream()
                .collect(Collectors.toMap(database -> database.module().name(), Function.identity()));
        this.plans = plans.stream().collect(Collectors.toMap(DeletionPlan::service, Function.identity(),
                (first, second) -> {
                    throw new IllegalStateException("Two deletion plans for " + first.service());
                }, LinkedHashMap::new));
        List<DeletionParticipant> all = new ArrayList<>(customParticipants);
        this.gate = new ChunkGate(properties.concurrentChunks());
        for (DeletionPlan plan : plans) {
            ServiceDatabase database = databaseByService.get(plan.service());
            if (database == null) {
                throw new IllegalStateException("Deletion plan for " + plan.service() + ", which does not run here");
            }
            if (plan.engineRuns()) {
                all.add(new SqlDeletionParticipant(database, plan, properties.chunkSizing(), gate, clock, retention));
            }
        }
        databases.stream().sorted(Comparator.comparing(ServiceDatabase::schema))
                .forEach(database -> DeletionCoverageGuard.check(database, plan(database.module().name())));
        // Every participant with a database here scans that database's catalog after verification.
        all.replaceAll(participant -> databaseByService.containsKey(participant.service())
                ? new CatalogScanning(participant, databaseByService.get(participant.service()), plan(participant.service()))
                : participant);
        this.byService = all.stream().sorted(Comparator.comparing(DeletionParticipant::service))
                .collect(Collectors.toMap(DeletionParticipant::service, Function.identity(),
                        (first, second) -> {
                            throw new IllegalStateException("Two deletion participants for " + first.service());
                        }, LinkedHashMap::new));
    }

    public List<DeletionParticipant> all() {
        return List.copyOf(byService.values());
    }

    /** What the chunk gate shared by this process's participants has done since start-up. */
    public ChunkGateWaits chunkGateWaits() {
        return gate.waits();
    }

    public Optional<DeletionParticipant> find(String service) {
        return Optional.ofNullable(byService.get(service));
    }

    /**
     * A participant whose {@link DeletionParticipant#scan} reads its service's live catalog
     * ({@link CatalogScan}); everything else is the participant's own.
     */
    private record CatalogScanning(DeletionParticipant participant, ServiceDatabase database, DeletionPlan plan)
            implements DeletionParticipant {

        @Override
        public String service() {
            return participant.service();
        }

        @Override
        public DeletionPreview preview(DeletionSubject subject) {
            return participant.preview(subject);
        }

        @Override
        public DeletionResult delete(DeletionSubject subject, UUID runId) {
            return participant.delete(subject, runId);
        }

        @Override
        public DeletionScan scan(DeletionSubject subject) {
            return CatalogScan.scan(service(), database, plan, subject);
        }

        @Override
        public RetainedRecordPage retainedRecords(UUID tenantId, long after, int limit) {
            return participant.retainedRecords(tenantId, after, limit);
        }

        @Override
        public java.util.Map<String, com.bakeryia.deletion.PurgedRows> purgeExpiredRetained(int limit) {
            return participant.purgeExpiredRetained(limit);
        }
    }

    /** The plan the coverage guard checks the service's schema against: its own, or an empty one. */
    public DeletionPlan plan(String service) {
        DeletionPlan plan = plans.get(service);
        return plan != null ? plan : DeletionPlan.forServiceWithOwnDeletion(service).build();
    }
}
