package com.bakeryia.testsupport.deletion;

import java.util.List;
import java.util.UUID;

import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionSubject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract for a participant that holds tenant data (every data service, and the tenant
 * service's own records): on top of the common tests, a second delete of a tenant finds nothing
 * left. Subclasses that write their data with a generator extend
 * {@link GeneratedDataParticipantContractTest} instead; others override {@link #seed}.
 */
public abstract non-sealed class TenantDataParticipantContractTest extends DeletionParticipantContractTest {

    protected TenantDataParticipantContractTest(String service) {
        super(service);
    }

    @Override
    protected final boolean holdsTenantData() {
        return true;
    }

    @Test
    void secondDeleteRemovesNothingAndSucceeds() {
        UUID tenant = UUID.randomUUID();
        seed(tenant, List.of(UUID.randomUUID()));
        assertThat(participant().delete(DeletionSubject.tenant(tenant)).totalDeleted()).isPositive();

        DeletionResult second = participant().delete(DeletionSubject.tenant(tenant));

        assertThat(second.succeeded()).isTrue();
        assertThat(second.totalDeleted()).isZero();
    }
}
