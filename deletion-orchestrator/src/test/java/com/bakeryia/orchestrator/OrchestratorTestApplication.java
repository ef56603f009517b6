package com.bakeryia.orchestrator;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.deletion.DeletionPreview;
import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionScan;
import com.bakeryia.deletion.DeletionScope;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.orchestrator.job.DatabaseClock;
import com.bakeryia.orchestrator.job.JobPlan;
import com.bakeryia.platform.BakeryService;
import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.deletion.CatalogScan;
import com.bakeryia.platform.deletion.DataServices;
import com.bakeryia.platform.deletion.DeletionPlan;
import com.bakeryia.platform.deletion.SqlDeletionParticipant;
import com.bakeryia.platform.security.JwtSigningKey;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.security.PlatformJwtDecoders;
import com.bakeryia.platform.security.SecurityProperties;
import com.bakeryia.platform.tenancy.TenantAccess;
import com.bakeryia.platform.tenancy.TenantDirectory;
import com.bakeryia.platform.tenancy.TenantRole;
import com.bakeryia.platform.tenancy.TenantStatus;
import com.bakeryia.testsupport.SettableClock;
import com.nimbusds.jose.jwk.JWKSet;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The orchestrator (job store in its {@code deletion} schema) with three small data services with
 * real tables ({@code pantry}, {@code oven}, {@code ledger}) that act out injected faults, and a
 * {@code registry} schema behind the {@code tenant} participant that removes the tenant record.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({DeletionOrchestratorConfiguration.class, OrchestratorTestApplication.Pantry.class, OrchestratorTestApplication.Oven.class,
        OrchestratorTestApplication.Ledger.class, OrchestratorTestApplication.Registry.class})
public class OrchestratorTestApplication {

    static final int BATCH_SIZE = 50;

    private static final JwtSigningKey TEST_SIGNING_KEY = JwtSigningKey.generate();

    /** A user the test tenant directory reports as ADMIN of every tenant in the registry. */
    public static final UUID ADMIN_USER = UUID.fromString("00000000-0000-0000-0000-00000000ad01");

    /** A user the test tenant directory reports as MEMBER of every tenant in the registry. */
    public static final UUID MEMBER_USER = UUID.fromString("00000000-0000-0000-0000-00000000ae01");

    /**
     * System time plus a settable offset, shared by every test context of the JVM, so a test can jump
     * past a lease or a backoff without waiting while real time keeps moving for everything else.
     */
    public static final SettableClock CLOCK = SettableClock.systemPlusOffset();

    @Bean
    Clock clock() {
        return CLOCK;
    }

    /**
     * The orchestrator decides by the database's time; this moves it as far as {@link #CLOCK} was
     * advanced, so a test jumps past a lease or a window by advancing the one settable clock.
     */
    @Bean
    DatabaseClock.Shift databaseClockShift() {
        return () -> java.time.Duration.between(Instant.now(), CLOCK.instant());
    }

    /** The services every job deletes and verifies in, as the launcher's targets list says in production. */
    @Bean
    DataServices dataServices() {
        return new DataServices(List.of("ledger", "oven", "pantry"));
    }

    /**
     * The auth service does not run here, so the tests sign their own tokens with a key of their own
     * that this context, and only this context, trusts.
     */
    @Bean
    JwtTokens testJwtTokens(SecurityProperties security, Clock clock) {
        return new JwtTokens(TEST_SIGNING_KEY, security, clock);
    }

    @Bean
    JwtDecoder testJwtDecoder(SecurityProperties security, Clock clock) {
        return PlatformJwtDecoders.trusting(new JWKSet(TEST_SIGNING_KEY.rsaKey()), security, clock);
    }

    /** The tenant service's side of user jobs (in memory), for UserDeletionJobTest. */
    @Bean
    FakeTenancy fakeTenancy() {
        return FakeTenancy.INSTANCE.recordsIn(new TestTenants()::recordExists);
    }

    /** The auth service's accounts (in memory): who may act, and the account side of a user's deletion. */
    @Bean
    FakeAccounts fakeAccounts() {
        return FakeAccounts.INSTANCE;
    }

    /** The auth service's user participant, run last by user jobs. */
    @Bean
    DeletionParticipant authUserParticipant() {
        return FakeTenancy.INSTANCE.userRecordParticipant();
    }

    @Configuration(proxyBeanMethods = false)
    @BakeryService("pantry")
    static class Pantry {

        /** Declared for the coverage guard; the engine does not run it, the faulty participant does. */
        @Bean
        DeletionPlan pantryPlan() {
            return DeletionPlan.forServiceWithOwnDeletion("pantry").tenantTables("items").build();
        }

        @Bean
        DeletionParticipant pantryParticipant(@Qualifier("pantry") ServiceDatabase database, Clock clock) {
            return participant(database, pantryPlan(), clock);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @BakeryService("oven")
    static class Oven {

        /** Declared for the coverage guard; the engine does not run it, the faulty participant does. */
        @Bean
        DeletionPlan ovenPlan() {
            return DeletionPlan.forServiceWithOwnDeletion("oven").tenantTables("bake_checks", "bakes").build();
        }

        @Bean
        DeletionParticipant ovenParticipant(@Qualifier("oven") ServiceDatabase database, Clock clock) {
            return participant(database, ovenPlan(), clock);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @BakeryService("ledger")
    static class Ledger {

        /** Declared for the coverage guard; the engine does not run it, the faulty participant does. */
        @Bean
        DeletionPlan ledgerPlan() {
            return DeletionPlan.forServiceWithOwnDeletion("ledger").tenantTables("entries").build();
        }

        @Bean
        DeletionParticipant ledgerParticipant(@Qualifier("ledger") ServiceDatabase database, Clock clock) {
            return participant(database, ledgerPlan(), clock);
        }
    }

    /** The tenant record: a real row the final step deletes (idempotently). */
    @Configuration(proxyBeanMethods = false)
    @BakeryService("registry")
    static class Registry {

        /** Tenants exist while their registry row does; ADMIN_USER is an ADMIN and MEMBER_USER a MEMBER of each. */
        @Bean
        TenantDirectory registryTenantDirectory(@Qualifier("registry") ServiceDatabase database) {
            return new TenantDirectory() {
                @Override
                public Optional<TenantAccess> access(UUID tenantId, UUID userId) {
                    return database.jdbc().query("select status, name from registry.tenants where id = ?",
                            (row, n) -> new TenantAccess(tenantId, TenantStatus.valueOf(row.getString("status")),
                                    ADMIN_USER.equals(userId) ? TenantRole.ADMIN : MEMBER_USER.equals(userId) ? TenantRole.MEMBER : null,
                                    null, row.getString("name")), tenantId).stream().findFirst();
                }

                @Override
                public List<UUID> memberIds(UUID tenantId) {
                    return List.of();
                }
            };
        }

        /** The tenant service's participant: the final step of a tenant job removes the registry row. */
        @Bean
        DeletionParticipant tenantRecordParticipant(@Qualifier("registry") ServiceDatabase database) {
            return new DeletionParticipant() {
                @Override
                public String service() {
                    return JobPlan.TENANT_SERVICE;
                }

                @Override
                public DeletionPreview preview(DeletionSubject subject) {
                    long rows = subject.scope() == DeletionScope.TENANT ? database.jdbc().queryForObject(
                            "select count(*) from registry.tenants where id = ?", Long.class, subject.id()) : 0;
                    return new DeletionPreview(service(), subject.scope(), subject.id(),
                            Map.of("registry.tenants", rows), Map.of(), Map.of());
                }

                /** In a user job the tenant service is swept too: its catalog is the registry's. */
                @Override
                public DeletionScan scan(DeletionSubject subject) {
                    return CatalogScan.scan(service(), database, DeletionPlan.forServiceWithOwnDeletion(service()).build(),
                            subject);
                }

                @Override
                public DeletionResult delete(DeletionSubject subject, UUID runId) {
                    Instant now = Instant.now();
                    long removed = subject.scope() == DeletionScope.TENANT
                            ? database.jdbc().update("delete from registry.tenants where id = ?", subject.id()) : 0;
                    return new DeletionResult(service(), subject.scope(), subject.id(),
                            Map.of("registry.tenants", removed), Map.of(), Map.of(), List.of(), now, now, 0);
                }
            };
        }
    }

    private static DeletionParticipant participant(ServiceDatabase database, DeletionPlan plan, Clock clock) {
        return new FaultyParticipant(new SqlDeletionParticipant(database, plan, BATCH_SIZE, clock));
    }
}
