package com.bakeryia.deletion;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SafeDeletionTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
    private final DeletionSubject tenant = DeletionSubject.tenant(UUID.randomUUID());

    @Test
    void aThrowingParticipantBecomesAnErrorResultNamingTheService() {
        DeletionResult result = SafeDeletion.delete(participant(subject -> {
            throw new IllegalStateException("connection reset");
        }), tenant, clock);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.service()).isEqualTo("orders");
        assertThat(result.errors()).containsExactly("orders: connection reset");
        assertThat(result.subjectId()).isEqualTo(tenant.id());
        assertThat(result.totalDeleted()).isZero();
    }

    @Test
    void aParticipantReturningNothingIsAFailureToo() {
        DeletionResult result = SafeDeletion.delete(participant(subject -> null), tenant, clock);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.errors()).singleElement().asString().contains("no result");
    }

    @Test
    void aSuccessfulResultPassesThroughUnchanged() {
        var expected = new DeletionResult("orders", DeletionScope.TENANT, tenant.id(), Map.of("orders.customers", 3L),
                Map.of(), Map.of(), List.of(), clock.instant(), clock.instant(), 0);

        DeletionResult result = SafeDeletion.delete(participant(subject -> expected), tenant, clock);

        assertThat(result).isEqualTo(expected);
        assertThat(result.totalDeleted()).isEqualTo(3);
    }

    private static DeletionParticipant participant(java.util.function.Function<DeletionSubject, DeletionResult> delete) {
        return new DeletionParticipant() {
            @Override
            public String service() {
                return "orders";
            }

            @Override
            public DeletionPreview preview(DeletionSubject subject) {
                throw new UnsupportedOperationException();
            }

            @Override
            public DeletionResult delete(DeletionSubject subject, java.util.UUID runId) {
                return delete.apply(subject);
            }
        };
    }
}
