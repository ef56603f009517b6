package com.bakeryia.tenant;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to the tenant endpoints is a 4xx problem+json that names what was wrong, never a 500,
 * and leaves nothing half-written.
 */
@SpringBootTest(classes = TenantTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class TenantBadInputTest {

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    @Autowired
    @Qualifier("tenant")
    ServiceDatabase db;

    ApiClient api;
    TenantFixture fixture;
    String owner;
    String members;

    @BeforeEach
    void createTenant() {
        api = ApiClient.onPort(port);
        fixture = TenantFixture.create(api);
        owner = fixture.owner().accessToken();
        members = "/api/v1/tenants/" + fixture.tenantId() + "/members";
    }

    @Test
    void malformedUuidsInPathsAreRefusedNamingTheParameter() {
        String service = tokens.issueServiceToken("ops").value();

        assertProblem(api.get("/api/v1/tenants/not-a-uuid", owner), 400, "tenant_id");
        assertProblem(api.put("/api/v1/tenants/42/status", service, Map.of("status", "DELETING")), 400, "tenant_id");
        assertProblem(api.get("/api/v1/tenants/user/nope/memberships", service), 400, "user_id");
        assertProblem(api.patch(members + "/xyz", owner, Map.of("role", "VIEWER")), 400, "user_id");
        assertProblem(api.delete("/api/v1/tenants/user/nope/memberships", service), 400, "user_id");
        assertProblem(api.get("/api/v1/tenants/" + fixture.tenantId() + "/access?user_id=nope", service), 400, "user_id");
        assertProblem(api.get("/api/v1/tenants/" + fixture.tenantId() + "/access", service), 400, "user_id");
    }

    @Test
    void pageSizesAndOffsetsOutOfRangeAreRefusedNamingTheParameter() {
        String admins = "/api/v1/tenants/" + fixture.tenantId() + "/admins";
        for (String list : List.of("/api/v1/tenants", members, admins)) {
            assertProblem(api.get(list + "?limit=0", owner), 400, "limit");
            assertProblem(api.get(list + "?limit=501", owner), 400, "limit");
            assertProblem(api.get(list + "?limit=ten", owner), 400, "limit");
            assertProblem(api.get(list + "?offset=-1", owner), 400, "offset");
            assertThat(api.get(list + "?limit=500", owner).status()).isEqualTo(200);
        }
        String service = tokens.issueServiceToken("ops").value();
        String ofUser = "/api/v1/tenants/user/" + fixture.owner().userId() + "/memberships";
        assertProblem(api.get(ofUser + "?limit=501", service), 400, "limit");
        assertProblem(api.get(ofUser + "?offset=-1", service), 400, "offset");
        var page = api.get(ofUser + "?limit=1", service);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("items").size()).isEqualTo(1);
        assertThat(page.json().path("limit").asInt()).isEqualTo(1);
    }

    @Test
    void missingExtraAndMistypedFieldsAreRefused() {
        assertProblem(api.post("/api/v1/tenants", owner, Map.of()), 400, "name");
        assertProblem(api.post("/api/v1/tenants", owner, Map.of("name", "   ")), 400, "name");
        assertProblem(api.post("/api/v1/tenants", owner, Map.of("name", "Bakery", "owner_id", UUID.randomUUID())), 400,
                "owner_id");
        assertProblem(api.post(members, owner, Map.of("user_id", fixture.outsider().userId().toString())), 400, "role");
        assertProblem(api.post(members, owner, Map.of("role", "MEMBER")), 400, "user_id");
        assertProblem(api.post(members, owner, Map.of("user_id", "not-a-uuid", "role", "MEMBER")), 400, "user_id");
        assertProblem(api.sendRaw(HttpMethod.POST, members, owner, "{\"user_id\": "), 400, "JSON");
        assertProblem(api.post("/api/v1/tenants/" + fixture.tenantId() + "/transfer-ownership", owner, Map.of()), 400,
                "new_owner_id");

        assertThat(memberCount()).isEqualTo(4);
    }

    @Test
    void unknownOrForbiddenRolesAreRefused() {
        String outsider = fixture.outsider().userId().toString();

        assertProblem(api.post(members, owner, Map.of("user_id", outsider, "role", "EMPEROR")), 400, "role");
        assertProblem(api.post(members, owner, Map.of("user_id", outsider, "role", "OWNER")), 400, "transfer-ownership");
        assertProblem(api.patch(members + "/" + fixture.member().userId(), owner, Map.of("role", "owner")), 400, "role");
        assertProblem(api.patch(members + "/" + fixture.member().userId(), owner, Map.of("role", "OWNER")), 400, "OWNER");

        assertThat(memberCount()).isEqualTo(4);
        assertThat(roleOf(fixture.member().userId())).isEqualTo("MEMBER");
    }

    @Test
    void overLongTenantNameIsRefusedAndCreatesNothing() {
        int before = tenantsOwnedBy(fixture.owner().userId());

        assertProblem(api.post("/api/v1/tenants", owner, Map.of("name", "B".repeat(201))), 400, "name");

        assertThat(tenantsOwnedBy(fixture.owner().userId())).isEqualTo(before);
        assertThat(api.post("/api/v1/tenants", owner, Map.of("name", "B".repeat(200))).status()).isEqualTo(201);
    }

    @Test
    void unknownIdsAreNotFound() {
        UUID nobody = UUID.randomUUID();
        UUID noTenant = UUID.randomUUID();

        assertProblem(api.get("/api/v1/tenants/" + noTenant, owner), 404, noTenant.toString());
        assertProblem(api.post("/api/v1/tenants/" + noTenant + "/members", owner,
                Map.of("user_id", fixture.outsider().userId().toString(), "role", "MEMBER")), 404, noTenant.toString());
        assertProblem(api.post(members, owner, Map.of("user_id", nobody.toString(), "role", "MEMBER")), 404,
                nobody.toString());
        assertProblem(api.patch(members + "/" + nobody, owner, Map.of("role", "VIEWER")), 404, nobody.toString());
        assertProblem(api.delete(members + "/" + nobody, owner), 404, nobody.toString());
        String service = tokens.issueServiceToken("ops").value();
        assertProblem(api.put("/api/v1/tenants/" + noTenant + "/status", service, Map.of("status", "DELETING")), 404,
                noTenant.toString());
        assertProblem(api.put("/api/v1/tenants/" + fixture.tenantId() + "/status", service,
                Map.of("status", "PENDING_DELETION")), 400, "deletion_scheduled_for");
        assertProblem(api.put("/api/v1/tenants/" + fixture.tenantId() + "/status", service,
                Map.of("status", "ACTIVE", "deletion_scheduled_for", "2027-01-01T00:00:00Z")), 400, "deletion_scheduled_for");
        assertProblem(api.put("/api/v1/tenants/" + fixture.tenantId() + "/status", service, Map.of("status", "GONE")),
                400, "status");

        assertThat(memberCount()).isEqualTo(4);
    }

    @Test
    void conflictsKeepTheOwnerAndEveryMembershipIntact() {
        assertProblem(api.post(members, owner, Map.of("user_id", fixture.member().userId().toString(), "role", "ADMIN")),
                409, "already a member");
        assertProblem(api.patch(members + "/" + fixture.owner().userId(), fixture.admin().accessToken(),
                Map.of("role", "VIEWER")), 409, "OWNER");
        assertProblem(api.delete(members + "/" + fixture.owner().userId(), fixture.admin().accessToken()), 409, "OWNER");
        assertProblem(api.delete(members + "/" + fixture.owner().userId(), owner), 409, "transfer ownership");

        assertThat(memberCount()).isEqualTo(4);
        assertThat(roleOf(fixture.owner().userId())).isEqualTo("OWNER");
        assertThat(roleOf(fixture.member().userId())).isEqualTo("MEMBER");
    }

    @Test
    void ownershipGoesOnlyToAnAdminOfTheTenant() {
        String transfer = "/api/v1/tenants/" + fixture.tenantId() + "/transfer-ownership";

        assertProblem(api.post(transfer, owner, Map.of("new_owner_id", fixture.member().userId().toString())), 409,
                "only an ADMIN");
        assertProblem(api.post(transfer, owner, Map.of("new_owner_id", fixture.viewer().userId().toString())), 409,
                "only an ADMIN");
        assertProblem(api.post(transfer, owner, Map.of("new_owner_id", fixture.outsider().userId().toString())), 409,
                "not a member");
        assertProblem(api.post(transfer, owner, Map.of("new_owner_id", fixture.owner().userId().toString())), 409,
                "already owns");

        assertThat(roleOf(fixture.owner().userId())).isEqualTo("OWNER");
        assertThat(db.jdbc().queryForObject("select owner_user_id from tenant.tenants where id = ?", UUID.class,
                fixture.tenantId())).isEqualTo(fixture.owner().userId());
    }

    @Test
    void aMemberMayLeaveButTheOwnerMayNot() {
        assertThat(api.delete(members + "/" + fixture.viewer().userId(), fixture.viewer().accessToken()).status())
                .isEqualTo(204);
        assertProblem(api.delete(members + "/" + fixture.member().userId(), fixture.viewer().accessToken()), 403,
                "member");

        assertThat(memberCount()).isEqualTo(3);
    }

    private void assertProblem(ApiClient.Response response, int status, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.json().path("detail").asText()).as(response.toString()).containsIgnoringCase(mentioned);
    }

    private int memberCount() {
        return db.jdbc().queryForObject("select count(*) from tenant.memberships where tenant_id = ?", Integer.class,
                fixture.tenantId());
    }

    private String roleOf(UUID userId) {
        return db.jdbc().queryForObject("select role from tenant.memberships where tenant_id = ? and user_id = ?",
                String.class, fixture.tenantId(), userId);
    }

    private int tenantsOwnedBy(UUID userId) {
        return db.jdbc().queryForObject("select count(*) from tenant.tenants where owner_user_id = ?", Integer.class,
                userId);
    }
}
