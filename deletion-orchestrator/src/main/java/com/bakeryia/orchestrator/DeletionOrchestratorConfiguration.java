package com.bakeryia.orchestrator;

import java.time.Clock;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.deletion.DeletionJobLauncher;
import com.bakeryia.platform.deletion.DeletionJobRef;
import com.bakeryia.platform.deletion.LocalDeletionParticipants;
import com.bakeryia.platform.remote.RemoteServices;
import com.bakeryia.platform.tenancy.UserMemberships;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Runs the deletion orchestrator in a process that hosts the {@code auth} service (its job store
 * lives in the auth schema: migrations {@code db/migration/auth/V100+}). Import it from the
 * host's configuration. The final step of a tenant job calls the tenant service's deletion
 * participant {@code tenant} (in process or over HTTP), unless the host supplies its own
 * {@link TenantRecordRemoval} bean. It also provides the in-process {@link DeletionJobLauncher},
 * through which the tenant service starts jobs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrchestratorProperties.class)
@Import({DeletionJobController.class, TenantDeletionPreviewController.class})
public class DeletionOrchestratorConfiguration {

    /** The service whose schema and database hold the job store. */
    static final String STORE_SERVICE = "auth";

    @Bean
    DeletionJobStore deletionJobStore(@Qualifier(STORE_SERVICE) ServiceDatabase database) {
        return new DeletionJobStore(database);
    }

    @Bean
    DeletionMetrics deletionMetrics(ObjectProvider<MeterRegistry> registry) {
        return new DeletionMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    ParticipantDirectory participantDirectory(LocalDeletionParticipants local, RemoteServices remote,
                                              OrchestratorProperties properties) {
        return new ParticipantDirectory(local, remote, properties.callTimeout());
    }

    @Bean
    DeletionWorker deletionWorker(DeletionJobStore store, ParticipantDirectory participants,
                                  ObjectProvider<TenantRecordRemoval> tenantRecordRemoval, DeletionMetrics metrics,
                                  OrchestratorProperties properties, Clock clock,
                                  ObjectProvider<UserMemberships> userMemberships) {
        StepWork work = new StepWork(participants, tenantRecordRemoval, clock)
                .withUserJobs(new UserJobPreparation(store, userMemberships, properties, clock));
        return new DeletionWorker(store, work, metrics, properties, clock);
    }

    @Bean
    UserDeletions userDeletions(DeletionJobStore store, DeletionWorker worker, ParticipantDirectory participants,
                                ObjectProvider<UserMemberships> userMemberships, DeletionMetrics metrics,
                                OrchestratorProperties properties, Clock clock) {
        return new UserDeletions(store, worker, participants, userMemberships, metrics, properties, clock);
    }

    @Bean
    DeletionJobs deletionJobs(DeletionJobStore store, DeletionWorker worker, ParticipantDirectory participants,
                              DeletionMetrics metrics, OrchestratorProperties properties, Clock clock,
                              ObjectProvider<TenantRecordRemoval> tenantRecordRemoval) {
        return new DeletionJobs(store, worker, participants, metrics, properties, clock,
                tenantRecordRemoval.getIfAvailable() == null);
    }

    /** The in-process port the tenant service starts jobs through (the platform's remote one stays out). */
    @Bean
    DeletionJobLauncher inProcessDeletionJobLauncher(DeletionJobs jobs) {
        return (tenantId, initiator) -> {
            DeletionJobSummary job = jobs.startTenantDeletion(tenantId,
                    initiator.userId().map(UUID::toString).orElse(initiator.subject()));
            return new DeletionJobRef(job.jobId(), job.status().name());
        };
    }
}
