package com.bakeryia.orchestrator;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import com.bakeryia.orchestrator.api.DeletionApiConfiguration;
import com.bakeryia.orchestrator.certificate.DeletionCertificateConfiguration;
import com.bakeryia.orchestrator.certificate.DeletionCertificateSigner;
import com.bakeryia.orchestrator.retention.RetentionPurgeSchedule;
import com.bakeryia.orchestrator.retention.RetentionPurges;
import com.bakeryia.orchestrator.certificate.SignedCertificate;
import com.bakeryia.orchestrator.certificate.CertificateKeys;
import com.bakeryia.orchestrator.certificate.ExportManifestSigner;
import com.bakeryia.orchestrator.console.ConsoleConfiguration;
import com.bakeryia.orchestrator.engine.DeletionMetrics;
import com.bakeryia.orchestrator.events.DeletionEvents;
import com.bakeryia.orchestrator.engine.DeletionStepLeases;
import com.bakeryia.orchestrator.engine.DeletionWorker;
import com.bakeryia.orchestrator.engine.FailedJobRetries;
import com.bakeryia.orchestrator.engine.OrchestratorProperties;
import com.bakeryia.orchestrator.engine.ParticipantDirectory;
import com.bakeryia.orchestrator.engine.StepAttempt;
import com.bakeryia.orchestrator.engine.UserJobPreparation;
import com.bakeryia.orchestrator.export.DataExportStore;
import com.bakeryia.orchestrator.export.DataExports;
import com.bakeryia.orchestrator.export.ExportArchiver;
import com.bakeryia.orchestrator.export.ExportProperties;
import com.bakeryia.orchestrator.export.ExportSources;
import com.bakeryia.orchestrator.export.ExportWorker;
import com.bakeryia.orchestrator.job.DatabaseClock;
import com.bakeryia.orchestrator.job.DeletionJobReads;
import com.bakeryia.orchestrator.job.JobStoreTables;
import com.bakeryia.orchestrator.lifecycle.DeletionJobStarts;
import com.bakeryia.orchestrator.lifecycle.GraceWindows;
import com.bakeryia.orchestrator.lifecycle.OwnedTenants;
import com.bakeryia.orchestrator.proof.DeletionAudit;
import com.bakeryia.orchestrator.proof.DeletionCertificates;
import com.bakeryia.orchestrator.requests.DeletionJobs;
import com.bakeryia.orchestrator.requests.DeletionWindowProperties;
import com.bakeryia.orchestrator.requests.RetainedRecordReads;
import com.bakeryia.orchestrator.requests.UserDeletions;
import com.bakeryia.platform.BakeryService;
import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.config.BakeryProperties;
import com.bakeryia.platform.deletion.DataServices;
import com.bakeryia.platform.deletion.DeletionPlan;
import com.bakeryia.platform.deletion.LocalDeletionParticipants;
import com.bakeryia.platform.deletion.LocalExportSources;
import com.bakeryia.platform.events.EventBroker;
import com.bakeryia.platform.events.EventOutbox;
import com.bakeryia.platform.events.EventRelay;
import com.bakeryia.platform.events.EventsProperties;
import com.bakeryia.platform.identity.UserDirectory;
import com.bakeryia.platform.remote.RemoteServices;
import com.bakeryia.platform.tenancy.UserMemberships;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Entry point of the deletion orchestrator, a target of its own: imported when the
 * {@code deletion-orchestrator} target runs in this process. Its job store lives in the schema
 * {@code deletion}. It reaches every participant through the deletion contract (in this process or
 * over HTTP at {@code bakery.services.<name>.url}), the tenant service through the platform's
 * {@link UserMemberships} port and the auth service's accounts through {@link UserDirectory}; no
 * service depends on this module. Its process also serves the operator console ({@link ConsoleConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@BakeryService(value = DeletionOrchestratorConfiguration.SERVICE, schema = "deletion")
@EnableConfigurationProperties({OrchestratorProperties.class, DeletionWindowProperties.class, ExportProperties.class})
@Import({DeletionApiConfiguration.class, DeletionCertificateConfiguration.class, ConsoleConfiguration.class})
public class DeletionOrchestratorConfiguration {

    /** The target's name; its database bean is qualified by it. */
    public static final String SERVICE = "deletion-orchestrator";

    /**
     * What the job store holds of a person or a tenant, for the coverage guard: the orchestrator
     * itself forgets an erased user ({@link DeletionStepLeases}, in the transaction that completes
     * their job), and keeps the ids of the tenants a user job handled as the record of what it did.
     */
    @Bean
    DeletionPlan deletionJobStorePlan() {
        return DeletionPlan.forServiceWithOwnDeletion(SERVICE)
                .handledByService("deletion_jobs", "initiated_by", "replaced by the tombstone by the orchestrator"
                        + " when the user's own deletion job completes")
                .handledByService("deletion_job_owned_tenants", "new_owner_user_id", "replaced by the tombstone by"
                        + " the orchestrator when the new owner's own deletion job completes")
                .retained("deletion_job_owned_tenants", "tenant_id", "the record of what a user job did with each"
                        + " tenant the user owned (transferred or deleted); ids only, like the job record")
                .retained("deletion_job_owned_tenants", "tenant_job_id", "the tenant job a user job started; a job's id")
                .retained("deletion_jobs", "subject_id", "the job's subject: the record of the deletion outlives it")
                .retained("deletion_steps", "counts", "what a step counted per table; counts only")
                .retained("deletion_audit_entries", "job_id", "the job an entry is about; the trail is append-only")
                .retained("deletion_audit_entries", "subject_id", "the subject of the entry's job; the trail is"
                        + " append-only and outlives it, ids and counts only")
                .retained("deletion_audit_entries", "details", "ids, counts and times of the action; the trail is"
                        + " append-only and outlives its subjects")
                .retained("deletion_certificates", "key_id", "the id of the key that signed the certificate")
                .retained("retention_purges", "key_id", "the id of the key that signed a purge certificate")
                .handledByService("data_exports", "requested_by", "who asked for an export (a user id or a service's"
                        + " client id); an erased person's id is replaced by the tombstone by the export worker's next poll"
                        + " after their job completes")
                .handledByService("data_exports", "subject_id", "the tenant or the person whose data the export holds;"
                        + " the export (row, parts, archive) is deleted by the export worker's next poll after the"
                        + " subject's deletion job completes")
                .retained("data_export_parts", "export_id", "the export a written table belongs to; an export's id")
                .retained("outbox_events", "aggregate_id", "the subject a deletion event is about: the announcement"
                        + " of its deletion, ids and kinds only, pruned once published")
                .retained("outbox_events", "payload", "ids, kinds and times of a deletion event")
                .retained("outbox_events", "message_id", "the event's own id, which consumers deduplicate on")
                .build();
    }

    @Bean
    JobStoreTables deletionJobStoreTables(@Qualifier(SERVICE) ServiceDatabase database) {
        return JobStoreTables.in(database);
    }

    /**
     * The orchestrator's time: the job store database's, so replicas whose JVM clocks disagree
     * decide leases, windows and retries by one clock. Every part of the orchestrator below takes
     * this clock, not the context's {@link Clock}; a test shifts it with a {@link DatabaseClock.Shift} bean.
     */
    @Bean
    DatabaseClock deletionDatabaseClock(@Qualifier(SERVICE) ServiceDatabase database,
                                        ObjectProvider<DatabaseClock.Shift> shift) {
        return new DatabaseClock(database.jdbc(), shift.getIfAvailable(() -> DatabaseClock.Shift.NONE));
    }

    /** The orchestrator's outbox of deletion events, written with the audit entries of the actions they announce. */
    @Bean
    EventOutbox deletionEventOutbox(@Qualifier(SERVICE) ServiceDatabase database) {
        return new EventOutbox(database);
    }

    /** Publishes the deletion events to RabbitMQ; idle without {@code bakery.events.broker-url}. */
    @Bean
    EventRelay deletionEventRelay(@Qualifier("deletionEventOutbox") EventOutbox outbox, ObjectProvider<EventBroker> broker,
                                  EventsProperties properties) {
        return new EventRelay(outbox, broker.getIfAvailable(), properties);
    }

    @Bean
    DeletionAudit deletionAudit(JobStoreTables tables, @Qualifier("deletionEventOutbox") EventOutbox outbox) {
        return new DeletionAudit(tables, new DeletionEvents(outbox));
    }

    @Bean
    DeletionCertificates deletionCertificates(JobStoreTables tables, DeletionCertificateSigner signer) {
        return new DeletionCertificates(tables, (claims, issuedAt) -> {
            SignedCertificate signed = signer.sign(claims, issuedAt);
            return new DeletionCertificates.Signed(signed.jws(), signed.keyId());
        });
    }

    @Bean
    DeletionJobStarts deletionJobStarts(JobStoreTables tables, DeletionAudit audit) {
        return new DeletionJobStarts(tables, audit);
    }

    @Bean
    DeletionStepLeases deletionStepLeases(JobStoreTables tables, OrchestratorProperties properties, DeletionAudit audit,
                                          DeletionCertificates certificates) {
        return new DeletionStepLeases(tables, properties.writeSettlePeriod(), audit, certificates);
    }

    @Bean
    DeletionJobReads deletionJobReads(JobStoreTables tables) {
        return new DeletionJobReads(tables);
    }

    @Bean
    OwnedTenants deletionOwnedTenants(JobStoreTables tables) {
        return new OwnedTenants(tables);
    }

    @Bean
    DeletionMetrics deletionMetrics(ObjectProvider<MeterRegistry> registry, DeletionJobReads reads, DatabaseClock clock) {
        return new DeletionMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), reads::failedJobs, clock.clock());
    }

    @Bean
    GraceWindows graceWindows(DeletionJobStarts starts, UserMemberships tenancy, UserDirectory users, DatabaseClock clock) {
        return new GraceWindows(starts, tenancy, users, clock.clock());
    }

    @Bean
    FailedJobRetries failedJobRetries(DeletionJobStarts starts, DeletionMetrics metrics, OrchestratorProperties properties,
                                      DatabaseClock clock) {
        return new FailedJobRetries(starts, metrics, properties, clock.clock());
    }

    @Bean
    ParticipantDirectory participantDirectory(LocalDeletionParticipants local, RemoteServices remote,
                                              OrchestratorProperties properties) {
        return new ParticipantDirectory(local, remote, properties.callTimeout());
    }

    @Bean
    DeletionWorker deletionWorker(DeletionStepLeases leases, DeletionJobStarts starts, DeletionJobReads reads,
                                  OwnedTenants ownedTenants, ParticipantDirectory participants, UserMemberships tenancy,
                                  UserDirectory users, DataServices dataServices, FailedJobRetries failedJobRetries,
                                  GraceWindows graceWindows, DeletionMetrics metrics,
                                  OrchestratorProperties properties, DatabaseClock clock) {
        var preparation = new UserJobPreparation(starts, reads, ownedTenants, tenancy, users, dataServices, properties, clock.clock(), graceWindows);
        return new DeletionWorker(leases, new StepAttempt(participants, preparation, clock.clock()), failedJobRetries,
                graceWindows, metrics,
                properties, clock.clock());
    }

    /** Reads of what the law keeps of deleted tenants, for the RECORDS_OFFICER, each in the audit trail. */
    @Bean
    RetainedRecordReads retainedRecordReads(ParticipantDirectory participants, DataServices dataServices,
                                            JobStoreTables tables, DeletionAudit audit, Clock clock) {
        return new RetainedRecordReads(participants, dataServices, tables, audit, clock);
    }

    /** The purge at expiry of kept records, one pass at a time ({@link RetentionPurgeSchedule} runs them). */
    @Bean
    RetentionPurges retentionPurges(ParticipantDirectory participants, DataServices dataServices, JobStoreTables tables,
                                    DeletionAudit audit, DeletionCertificateSigner signer, DatabaseClock clock,
                                    @Value("${bakery.retention.purge-chunk-rows:1000}") int chunkRows) {
        return new RetentionPurges(participants, dataServices, tables, audit, (claims, issuedAt) -> {
            SignedCertificate signed = signer.sign(claims, issuedAt);
            return new DeletionCertificates.Signed(signed.jws(), signed.keyId());
        }, clock.clock(), chunkRows);
    }

    /** Runs a purge pass every {@code bakery.retention.purge-interval} (the first one interval after start-up). */
    @Bean(destroyMethod = "close")
    RetentionPurgeSchedule retentionPurgeSchedule(RetentionPurges purges,
                                                  @Value("${bakery.retention.purge-interval:PT1H}") Duration interval) {
        return RetentionPurgeSchedule.start(purges, interval);
    }

    @Bean
    DeletionJobs deletionJobs(DeletionJobStarts starts, DeletionJobReads reads, DeletionWorker worker,
                              GraceWindows graceWindows, ParticipantDirectory participants,
                              DataServices dataServices, UserMemberships tenancy, DeletionMetrics metrics,
                              OrchestratorProperties properties, DeletionWindowProperties window, DatabaseClock clock) {
        return new DeletionJobs(starts, reads, worker, graceWindows, participants, dataServices, tenancy, metrics,
                properties, window, clock.clock());
    }

    @Bean
    UserDeletions userDeletions(DeletionJobStarts starts, DeletionJobReads reads, DeletionWorker worker,
                                GraceWindows graceWindows, ParticipantDirectory participants,
                                UserMemberships tenancy, UserDirectory users, DataServices dataServices,
                                DeletionMetrics metrics, OrchestratorProperties properties, DeletionWindowProperties window,
                                DatabaseClock clock) {
        return new UserDeletions(starts, reads, worker, graceWindows, participants, tenancy, users, dataServices,
                metrics, properties, window, clock.clock());
    }

    @Bean
    DataExportStore dataExportStore(@Qualifier(SERVICE) ServiceDatabase database, DatabaseClock clock) {
        return new DataExportStore(database, clock);
    }

    @Bean
    ExportSources exportSources(LocalExportSources local, RemoteServices remote, OrchestratorProperties properties) {
        return new ExportSources(local, remote, properties.callTimeout());
    }

    @Bean
    ExportArchiver exportArchiver(DataExportStore store, ExportSources sources, CertificateKeys keys, JsonMapper json,
                                  ExportProperties properties, BakeryProperties bakery, DatabaseClock clock) {
        return new ExportArchiver(store, sources, new ExportManifestSigner(keys::current), json,
                properties.directoryOr(bakery.dataDir()), properties.linkValidity(), clock.clock());
    }

    @Bean
    ExportWorker exportWorker(DataExportStore store, ExportArchiver archiver, ExportProperties properties) {
        return new ExportWorker(store, archiver, properties);
    }

    @Bean
    DataExports dataExports(DataExportStore store, DataServices dataServices, ExportProperties properties,
                            ExportArchiver archiver, DeletionAudit audit, DatabaseClock clock) {
        return new DataExports(store, dataServices, properties, archiver.directory(), audit, clock);
    }
}
