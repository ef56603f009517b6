package com.bakeryia.tenant;

import java.util.Map;

import com.bakeryia.deletion.DeletionPreview;
import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.platform.deletion.LocalDeletionParticipants;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tenant service's own part of a tenant deletion, as the orchestrator's final step sees it: the
 * participant {@code tenant} previews exactly what it then deletes, a second delete removes nothing
 * and succeeds, and another tenant is untouched.
 */
@SpringBootTest(classes = TenantTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class TenantRecordParticipantTest {

    @LocalServerPort
    int port;

    @Autowired
    LocalDeletionParticipants participants;

    @Test
    void previewsWhatItDeletesAndASecondDeleteRemovesNothing() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture doomed = TenantFixture.create(api);
        TenantFixture kept = TenantFixture.create(api);
        var participant = participants.find("tenant").orElseThrow();
        DeletionSubject subject = DeletionSubject.tenant(doomed.tenantId());
        DeletionPreview keptBefore = participant.preview(DeletionSubject.tenant(kept.tenantId()));

        DeletionPreview preview = participant.preview(subject);
        DeletionResult first = participant.delete(subject);
        DeletionResult second = participant.delete(subject);

        assertThat(preview.toDelete()).isEqualTo(Map.of("tenant.tenants", 1L, "tenant.memberships", 4L,
                "tenant.subscriptions", 1L));
        assertThat(first.succeeded()).isTrue();
        assertThat(first.deleted()).isEqualTo(preview.toDelete());
        assertThat(participant.preview(subject).remaining()).isZero();
        assertThat(second.succeeded()).isTrue();
        assertThat(second.totalDeleted()).isZero();
        assertThat(participant.preview(DeletionSubject.tenant(kept.tenantId()))).isEqualTo(keptBefore);
        assertThat(api.get("/api/v1/tenants/" + kept.tenantId(), kept.owner().accessToken()).status()).isEqualTo(200);
    }

    @Test
    void aUsersPreviewCountsTheMembershipsLeftAndItsDeleteLeavesThemToTheMembershipsEndpoint() {
        var participant = participants.find("tenant").orElseThrow();
        TenantFixture fixture = TenantFixture.create(ApiClient.onPort(port));
        DeletionSubject member = DeletionSubject.user(fixture.member().userId());

        DeletionResult result = participant.delete(member);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.totalDeleted()).isZero();
        assertThat(participant.preview(member).toDelete()).containsEntry("tenant.memberships", 1L);
        assertThat(participant.preview(DeletionSubject.user(java.util.UUID.randomUUID())).remaining()).isZero();
    }
}
