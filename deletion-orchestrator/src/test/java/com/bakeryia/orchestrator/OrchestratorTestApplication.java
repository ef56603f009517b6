package com.bakeryia.orchestrator;

import java.time.Clock;
import java.util.UUID;

import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.platform.BakeryService;
import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.deletion.DeletionPlan;
import com.bakeryia.platform.deletion.SqlDeletionParticipant;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The orchestrator with a job store in an {@code auth} schema, three small participants with
 * real tables ({@code pantry}, {@code oven}, {@code ledger}) that act out injected faults, and a
 * {@code registry} schema standing in for the tenant record.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({DeletionOrchestratorConfiguration.class, OrchestratorTestApplication.JobStoreHost.class,
        OrchestratorTestApplication.Pantry.class, OrchestratorTestApplication.Oven.class,
        OrchestratorTestApplication.Ledger.class, OrchestratorTestApplication.Registry.class})
class OrchestratorTestApplication {

    static final int BATCH_SIZE = 50;

    @Bean
    Clock clock() {
        return TestClock.INSTANCE;
    }

    @Configuration(proxyBeanMethods = false)
    @BakeryService("auth")
    static class JobStoreHost {
    }

    @Configuration(proxyBeanMethods = false)
    @BakeryService("pantry")
    static class Pantry {

        @Bean
        DeletionParticipant pantryParticipant(@Qualifier("pantry") ServiceDatabase database, Clock clock) {
            return participant(database, DeletionPlan.forService("pantry").tenantTables("items").build(), clock);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @BakeryService("oven")
    static class Oven {

        @Bean
        DeletionParticipant ovenParticipant(@Qualifier("oven") ServiceDatabase database, Clock clock) {
            return participant(database, DeletionPlan.forService("oven").tenantTables("bake_checks", "bakes").build(), clock);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @BakeryService("ledger")
    static class Ledger {

        @Bean
        DeletionParticipant ledgerParticipant(@Qualifier("ledger") ServiceDatabase database, Clock clock) {
            return participant(database, DeletionPlan.forService("ledger").tenantTables("entries").build(), clock);
        }
    }

    /** The tenant record: a real row the final step deletes (idempotently). */
    @Configuration(proxyBeanMethods = false)
    @BakeryService("registry")
    static class Registry {

        @Bean
        TenantRecordRemoval tenantRecordRemoval(@Qualifier("registry") ServiceDatabase database) {
            return (UUID tenantId) -> database.jdbc().update("delete from registry.tenants where id = ?", tenantId);
        }
    }

    private static DeletionParticipant participant(ServiceDatabase database, DeletionPlan plan, Clock clock) {
        return new FaultyParticipant(new SqlDeletionParticipant(database, plan, BATCH_SIZE, clock));
    }
}
