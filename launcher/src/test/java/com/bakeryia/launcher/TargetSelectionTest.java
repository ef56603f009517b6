package com.bakeryia.launcher;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetSelectionTest {

    @Test
    void noListMeansEveryTarget() {
        assertThat(TargetSelection.parse(null).targets()).hasSize(15);
        assertThat(TargetSelection.parse(" ").targets()).hasSize(15);
        assertThat(TargetSelection.parse("all").names()).contains("alert-processor", "training");
    }

    @Test
    void aListSelectsThoseTargetsIgnoringCaseAndSpaces() {
        var selection = TargetSelection.parse(" Orders , inventory,");

        assertThat(selection.names()).containsExactly("inventory", "orders");
        assertThat(selection.remoteDependencies()).containsExactly("auth", "tenant");
    }

    @Test
    void dependenciesThatRunLocallyNeedNoUrl() {
        assertThat(TargetSelection.parse("auth,tenant,orders").remoteDependencies()).isEmpty();
        assertThat(TargetSelection.parse("tenant").remoteDependencies()).containsExactly("auth");
    }

    @Test
    void unknownNameIsRefusedWithTheValidNames() {
        assertThatThrownBy(() -> TargetSelection.parse("orders,croissants"))
                .isInstanceOf(TargetSelection.UnknownTargetException.class)
                .hasMessageStartingWith("Unknown target 'croissants'. Valid targets: all, alert-processor, auth,");
    }

    @Test
    void theOrchestratorNeedsEveryOtherTargetLocallyOrByUrl() {
        assertThat(TargetSelection.parse("deletion-orchestrator").remoteDependencies())
                .hasSize(14).contains("auth", "tenant", "orders", "training").doesNotContain("deletion-orchestrator");
        assertThat(TargetSelection.parse("all").remoteDependencies()).isEmpty();
    }

    @Test
    void noTargetCallsTheOrchestratorAndIdentityCallsNobody() {
        assertThat(Target.values()).allSatisfy(target ->
                assertThat(target.dependencies()).as(target.targetName()).doesNotContain("deletion-orchestrator"));
        assertThat(Target.AUTH.dependencies()).isEmpty();
        assertThat(Target.TENANT.dependencies()).containsExactly("auth");
        assertThat(Target.ORDERS.dependencies()).containsExactly("auth", "tenant");
    }

    @Test
    void theDataServicesAreTheTwelveTargetsThatOwnTenantData() {
        assertThat(Target.dataServices()).hasSize(12).isSorted()
                .contains("alert-processor", "orders", "pos", "training")
                .doesNotContain("auth", "tenant", "deletion-orchestrator");
    }

    @Test
    void theTargetsListHasNoCycle() {
        java.util.Map<String, java.util.List<String>> graph = new java.util.TreeMap<>();
        for (Target target : Target.values()) {
            graph.put(target.targetName(), target.dependencies());
        }
        assertThat(TargetGraph.cycle(graph)).as("a cycle in the targets list").isEmpty();
    }

    @Test
    void theCycleCheckFindsACycle() {
        var graph = java.util.Map.of("a", java.util.List.of("b"), "b", java.util.List.of("c"), "c", java.util.List.of("a"),
                "d", java.util.List.<String>of());
        assertThat(TargetGraph.cycle(graph)).containsExactly("a", "b", "c", "a");
    }

    @Test
    void targetsAreListedSortedByName() {
        var names = java.util.Arrays.stream(Target.values()).map(Target::targetName).toList();

        assertThat(names).isSorted();
        assertThat(names).hasSize(15);
    }
}
