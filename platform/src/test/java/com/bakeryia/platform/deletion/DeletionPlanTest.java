package com.bakeryia.platform.deletion;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeletionPlanTest {

    @Test
    void keepsTablesInDeclaredOrderAndUserColumnsWithTheirAction() {
        DeletionPlan plan = DeletionPlan.forService("orders")
                .tenantTables("order_items", "customer_orders", "customers")
                .anonymiseUser("customer_orders", "created_by")
                .deleteRowsOfUser("customer_notes", "author_user_id")
                .build();

        assertThat(plan.tenantTables()).containsExactly("order_items", "customer_orders", "customers");
        assertThat(plan.coveredUserColumns()).containsExactly("customer_orders.created_by", "customer_notes.author_user_id");
        assertThat(plan.userColumns().get(1).action()).isEqualTo(DeletionPlan.UserColumn.Action.DELETE);
    }

    @Test
    void refusesNamesThatAreNotPlainIdentifiers() {
        assertThatThrownBy(() -> DeletionPlan.forService("orders").tenantTables("customers; drop table x").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a plain SQL identifier");
        assertThatThrownBy(() -> DeletionPlan.forService("orders").anonymiseUser("orders", "Created-By").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesATableListedTwice() {
        assertThatThrownBy(() -> DeletionPlan.forService("orders").tenantTables("customers", "customers").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void aPlanOfAServiceWithItsOwnDeletionDeclaresWhatItsCodeHandlesAndWhatItKeeps() {
        DeletionPlan plan = DeletionPlan.forServiceWithOwnDeletion("tenant")
                .handledByService("memberships", "tenant_id", "deleted with the tenant record")
                .handledByService("memberships", "user_id", "removed in the user job's PREPARE step")
                .retained("tenant_deletions", "tenant_id", "the record that the tenant was deleted")
                .build();

        assertThat(plan.engineRuns()).isFalse();
        assertThat(plan.declaredTenantTables()).containsExactly("memberships", "tenant_deletions");
        assertThat(plan.declaredColumns()).containsExactly("memberships.user_id");
        assertThat(plan.outsideEngine().get(2).handling()).isEqualTo(DeletionPlan.OutsideEngine.Handling.RETAINED);
    }

    @Test
    void refusesWorkForTheServicesOwnCodeInAPlanTheEngineRuns() {
        assertThatThrownBy(() -> DeletionPlan.forService("orders").handledByService("customers", "email", "by hand").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("forServiceWithOwnDeletion");
    }

    @Test
    void refusesAColumnDeclaredTwiceOrWithoutAReason() {
        assertThatThrownBy(() -> DeletionPlan.forService("orders").tenantTables("customers")
                .retained("customers", "tenant_id", "kept").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customers.tenant_id is declared twice");
        assertThatThrownBy(() -> DeletionPlan.forService("orders").retained("customers", "email", " ").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason");
    }
}
