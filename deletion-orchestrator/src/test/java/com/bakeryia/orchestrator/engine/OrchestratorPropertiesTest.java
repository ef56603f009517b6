package com.bakeryia.orchestrator.engine;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrchestratorPropertiesTest {

    @Test
    void defaultsGiveEachCallSixtySecondsAndEachStepFiveAttempts() {
        OrchestratorProperties defaults = bind(Map.of());

        assertThat(defaults.callTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.maxAttempts()).isEqualTo(5);
        assertThat(defaults.parallelism()).isEqualTo(16);
        assertThat(defaults.leaseDuration()).isGreaterThanOrEqualTo(defaults.heartbeatInterval().multipliedBy(2));
        assertThat(defaults.workerEnabled()).isTrue();
        assertThat(defaults.failedJobRetryInterval()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aUsersFinalVerificationWaitsLongerThanAMembershipAnswerIsCachedByDefault() {
        OrchestratorProperties defaults = bind(Map.of());

        assertThat(defaults.writeSettlePeriod()).isEqualTo(Duration.ofSeconds(30))
                .as("the tenancy cache TTL's default, 2 s, plus a write's duration").isGreaterThan(Duration.ofSeconds(2));
        assertThat(bind(Map.of("bakery.orchestrator.write-settle-period", "0s")).writeSettlePeriod()).isZero();
    }

    @Test
    void refusesANegativeWriteSettlePeriod() {
        assertThatThrownBy(() -> bind(Map.of("bakery.orchestrator.write-settle-period", "-1s")))
                .rootCause().hasMessageContaining("write-settle-period");
    }

    @Test
    void refusesAFailedJobRetryIntervalThatIsNotPositive() {
        assertThatThrownBy(() -> bind(Map.of("bakery.orchestrator.failed-job-retry-interval", "0s")))
                .rootCause().hasMessageContaining("failed-job-retry-interval");
    }

    @Test
    void refusesALeaseThatAHeartbeatCannotKeepAlive() {
        assertThatThrownBy(() -> bind(Map.of("bakery.orchestrator.lease-duration", "10s",
                "bakery.orchestrator.heartbeat-interval", "8s")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("lease-duration");
    }

    @Test
    void refusesZeroAttempts() {
        assertThatThrownBy(() -> bind(Map.of("bakery.orchestrator.max-attempts", "0")))
                .rootCause().hasMessageContaining("max-attempts");
    }

    private static OrchestratorProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("bakery.orchestrator", OrchestratorProperties.class);
    }
}
