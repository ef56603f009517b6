package com.bakeryia.orchestrator;

import java.time.Clock;
import java.util.List;

import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.deletion.DeletionPlan;
import com.bakeryia.platform.deletion.DeletionProperties;
import com.bakeryia.platform.deletion.LocalDeletionParticipants;
import com.bakeryia.platform.deletion.UncoveredTableException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The coverage guard on the orchestrator's own schema {@code deletion}, whose plan only declares
 * (the orchestrator forgets an erased user itself), and on a schema with no plan at all
 * ({@code registry}), which is checked against an empty one.
 */
@SpringBootTest(classes = OrchestratorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeletionSchemaCoverageTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    @Qualifier(DeletionOrchestratorConfiguration.SERVICE)
    ServiceDatabase jobStore;

    @Autowired
    @Qualifier("registry")
    ServiceDatabase registry;

    @Test
    void theShippedJobStorePassesAndItsPlanSaysWhoForgetsAnErasedUser() {
        startUp();

        DeletionPlan plan = context.getBean(LocalDeletionParticipants.class).plan(DeletionOrchestratorConfiguration.SERVICE);
        assertThat(plan.engineRuns()).isFalse();
        assertThat(plan.outsideEngine()).extracting(entry -> entry.table() + "." + entry.column())
                .containsExactlyInAnyOrder("deletion_jobs.initiated_by", "deletion_job_owned_tenants.new_owner_user_id",
                        "deletion_job_owned_tenants.tenant_id", "deletion_job_owned_tenants.tenant_job_id",
                        "deletion_jobs.subject_id", "deletion_steps.counts", "deletion_audit_entries.job_id",
                        "deletion_audit_entries.subject_id", "deletion_audit_entries.details", "deletion_certificates.key_id", "retention_purges.key_id",
                        "data_exports.requested_by", "data_exports.subject_id", "data_export_parts.export_id",
                        "outbox_events.aggregate_id", "outbox_events.payload", "outbox_events.message_id");
        // Only the columns that name a person are looked up by a user's id: the rest names jobs and subjects.
        assertThat(plan.outsideEngine()).filteredOn(entry -> entry.handling() == DeletionPlan.OutsideEngine.Handling.BY_SERVICE)
                .extracting(entry -> entry.table() + "." + entry.column())
                .containsExactlyInAnyOrder("deletion_jobs.initiated_by", "deletion_job_owned_tenants.new_owner_user_id",
                        "data_exports.requested_by", "data_exports.subject_id");
    }

    @Test
    void aProbeTableWithTenantIdAndAnEmailColumnInTheJobStoreStopsStartUpNamingBoth() {
        assertProbeStopsStartUp(jobStore);
    }

    @Test
    void aSchemaWithoutAPlanIsCheckedAgainstAnEmptyOne() {
        assertProbeStopsStartUp(registry);
    }

    private void assertProbeStopsStartUp(ServiceDatabase database) {
        String probe = database.schema() + ".coverage_probe";
        database.jdbc().execute("create table " + probe + " (id uuid primary key, tenant_id uuid, notify_email text)");
        try {
            assertThatThrownBy(this::startUp)
                    .isInstanceOf(UncoveredTableException.class)
                    .hasMessageContaining(probe + " (tenant_id)")
                    .hasMessageContaining(probe + ".notify_email (holds an e-mail address)");
        } finally {
            database.jdbc().execute("drop table " + probe);
        }
        startUp();
    }

    /** What start-up does with the deletion beans of the context: the coverage guard runs on every schema. */
    private void startUp() {
        new LocalDeletionParticipants(List.copyOf(context.getBeansOfType(DeletionPlan.class).values()),
                List.copyOf(context.getBeansOfType(DeletionParticipant.class).values()),
                List.copyOf(context.getBeansOfType(ServiceDatabase.class).values()),
                context.getBean(DeletionProperties.class), context.getBean(Clock.class));
    }
}
