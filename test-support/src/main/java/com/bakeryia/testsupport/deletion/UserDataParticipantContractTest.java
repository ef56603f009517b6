package com.bakeryia.testsupport.deletion;

import java.util.List;
import java.util.UUID;

import com.bakeryia.deletion.DeletionPreview;
import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionSubject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract for a participant that holds no tenant data, only what names a user (auth): on top
 * of the common tests, a tenant deletion counts and deletes nothing there.
 */
public abstract non-sealed class UserDataParticipantContractTest extends DeletionParticipantContractTest {

    protected UserDataParticipantContractTest(String service) {
        super(service);
    }

    @Override
    protected final boolean holdsTenantData() {
        return false;
    }

    @Test
    void aServiceWithoutTenantDataCountsAndDeletesNothingForATenant() {
        UUID tenant = UUID.randomUUID();
        seed(tenant, List.of(UUID.randomUUID()));

        DeletionPreview preview = participant().preview(DeletionSubject.tenant(tenant));
        DeletionResult result = participant().delete(DeletionSubject.tenant(tenant));

        assertThat(tablesWithColumn("tenant_id")).as("tables with tenant_id in " + service).isEmpty();
        assertThat(preview.remaining()).isZero();
        assertThat(result.succeeded()).isTrue();
        assertThat(result.totalDeleted() + result.totalAnonymised()).isZero();
    }
}
