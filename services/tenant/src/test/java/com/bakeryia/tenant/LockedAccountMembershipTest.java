package com.bakeryia.tenant;

import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import com.bakeryia.testsupport.fixtures.TenantFixture.Member;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person whose deletion was asked for gains nothing while it waits or runs: no tenant, no
 * membership (not even from another tenant's admin, who is not locked out), no ownership; an
 * unknown or erased id cannot be added at all.
 */
@SpringBootTest(classes = TenantTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class LockedAccountMembershipTest {

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    @Test
    void aPersonScheduledForDeletionCannotJoinCreateOrTakeOverATenant() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture bakery = TenantFixture.create(api);
        Member leaving = bakery.admin();
        String service = tokens.issueServiceToken("ops").value();
        String otherRun = UUID.randomUUID().toString().substring(0, 8);
        Member otherOwner = TenantFixture.register(api, "other-owner", otherRun);
        UUID otherTenant = TenantFixture.createTenant(api, otherOwner, "Other " + otherRun);

        assertThat(api.put("/api/v1/users/" + leaving.userId() + "/status", service,
                Map.of("status", "PENDING_DELETION", "deletion_scheduled_for", "2027-01-01T00:00:00Z")).status())
                .isEqualTo(200);

        ApiClient.Response joined = api.post("/api/v1/tenants/" + otherTenant + "/members", otherOwner.accessToken(),
                Map.of("user_id", leaving.userId().toString(), "role", "MEMBER"));
        assertThat(joined.status()).as(joined.toString()).isEqualTo(409);
        assertThat(joined.json().path("detail").asText()).contains("PENDING_DELETION").contains("2027-01-01T00:00:00Z");
        assertThat(joined.json().path("user_status").asText()).isEqualTo("PENDING_DELETION");
        ApiClient.Response byService = api.post("/api/v1/tenants/" + otherTenant + "/members", service,
                Map.of("user_id", leaving.userId().toString(), "role", "MEMBER"));
        assertThat(byService.status()).as("services do not bypass it: %s", byService).isEqualTo(409);
        ApiClient.Response takeOver = api.post("/api/v1/tenants/" + bakery.tenantId() + "/transfer-ownership",
                bakery.owner().accessToken(), Map.of("new_owner_id", leaving.userId().toString()));
        assertThat(takeOver.status()).as(takeOver.toString()).isEqualTo(409);
        ApiClient.Response created = api.post("/api/v1/tenants", leaving.accessToken(), Map.of("name", "Escape"));
        assertThat(created.status()).as("their token no longer acts: %s", created).isEqualTo(401);
        assertThat(api.get("/api/v1/tenants/" + otherTenant + "/members", otherOwner.accessToken()).json()
                .findValuesAsString("user_id")).doesNotContain(leaving.userId().toString());

        assertThat(api.put("/api/v1/users/" + leaving.userId() + "/status", service, Map.of("status", "ACTIVE")).status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/tenants/" + otherTenant + "/members", otherOwner.accessToken(),
                Map.of("user_id", leaving.userId().toString(), "role", "MEMBER")).status())
                .as("once the deletion is cancelled they can join again").isEqualTo(201);
    }

    @Test
    void anUnknownOrErasedIdCannotBeAdded() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture bakery = TenantFixture.create(api);

        ApiClient.Response added = api.post("/api/v1/tenants/" + bakery.tenantId() + "/members",
                bakery.owner().accessToken(), Map.of("user_id", UUID.randomUUID().toString(), "role", "MEMBER"));

        assertThat(added.status()).as(added.toString()).isEqualTo(404);
        assertThat(added.isProblem()).isTrue();
    }
}
