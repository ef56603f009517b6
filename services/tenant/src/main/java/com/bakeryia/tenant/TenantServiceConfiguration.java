package com.bakeryia.tenant;

import com.bakeryia.platform.BakeryService;
import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.deletion.DeletionPlan;
import com.bakeryia.platform.events.EventBroker;
import com.bakeryia.platform.events.EventOutbox;
import com.bakeryia.platform.events.EventRelay;
import com.bakeryia.platform.events.EventsProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the tenant service: imported when the tenant target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("tenant")
public class TenantServiceConfiguration {

    /**
     * What the tenant schema holds of a tenant or a person, for the coverage guard: the tenant
     * service deletes with its own code ({@link TenantRecordParticipant}, the ownership transfer and
     * membership removal of a user job's PREPARE step), and keeps the record of each deletion.
     */
    @Bean
    DeletionPlan tenantDeletionPlan() {
        return DeletionPlan.forServiceWithOwnDeletion(TenantRecordParticipant.SERVICE)
                .handledByService("tenants", "owner_user_id", "handed over to the new owner (or the tenant deleted by"
                        + " a tenant job) in the PREPARE step of the owner's user job")
                .handledByService("memberships", "tenant_id", "deleted with the tenant record in the tenant job's"
                        + " FINAL step")
                .handledByService("memberships", "user_id", "removed in the PREPARE step of the user's job (an OWNER"
                        + " membership only after the tenant is handed over); VERIFY counts any left")
                .handledByService("subscriptions", "tenant_id", "cancelled and deleted with the tenant record in the"
                        + " tenant job's FINAL step")
                .retained("tenant_deletions", "tenant_id", "the record that the tenant was deleted, who asked and"
                        + " what was removed; ids and counts only")
                .handledByService("tenant_deletions", "deleted_by", "a user id there is replaced by the tombstone in"
                        + " the user's job (a service client id stays)")
                .retained("outbox_events", "aggregate_id", "the tenant an event is about (a tenant's events only)")
                .retained("outbox_events", "message_id", "the event's own id, which consumers deduplicate on")
                .handledByService("outbox_events", "payload", DeletionPlan.Shape.document("deleted_by"), "a deleted_by user id in an event is replaced by the"
                        + " tombstone in the user's job (consumers that read the event before keep their copy)")
                .build();
    }

    /** The tenant service's outbox ({@code tenant.deleted}), read by the pull feed and relayed to RabbitMQ. */
    @Bean
    EventOutbox tenantEventOutbox(@Qualifier(TenantRecordParticipant.SERVICE) ServiceDatabase database) {
        return new EventOutbox(database);
    }

    /** Publishes the tenant service's events to RabbitMQ; idle without {@code bakery.events.broker-url}. */
    @Bean
    EventRelay tenantEventRelay(@Qualifier("tenantEventOutbox") EventOutbox outbox, ObjectProvider<EventBroker> broker,
                                EventsProperties properties) {
        return new EventRelay(outbox, broker.getIfAvailable(), properties);
    }
}
