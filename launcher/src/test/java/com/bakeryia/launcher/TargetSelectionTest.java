package com.bakeryia.launcher;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetSelectionTest {

    @Test
    void noListMeansEveryTarget() {
        assertThat(TargetSelection.parse(null).targets()).hasSize(14);
        assertThat(TargetSelection.parse(" ").targets()).hasSize(14);
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
    void targetsAreListedSortedByName() {
        var names = java.util.Arrays.stream(Target.values()).map(Target::targetName).toList();

        assertThat(names).isSorted();
        assertThat(names).hasSize(14);
    }
}
