package com.bakeryia.platform.demodata;

import com.bakeryia.platform.web.ApiProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoDataGeneratorTest {

    @Test
    void sizesAreNamedInAnyCase() {
        assertThat(DemoDataGenerator.parseSize("small")).isEqualTo(DemoDataSize.SMALL);
        assertThat(DemoDataGenerator.parseSize("Medium")).isEqualTo(DemoDataSize.MEDIUM);
        assertThat(DemoDataGenerator.parseSize(" XLARGE ")).isEqualTo(DemoDataSize.XLARGE);
    }

    @Test
    void anUnknownSizeIsABadRequestListingTheKnownOnes() {
        assertThatThrownBy(() -> DemoDataGenerator.parseSize("huge"))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.getStatusCode().value()).isEqualTo(400))
                .hasMessageContaining("small, medium, large, xlarge, xxlarge")
                .hasMessageContaining("huge");
    }
}
