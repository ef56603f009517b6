package com.bakeryia.pos;

import java.util.UUID;

import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator endpoints, served by the platform in any process; here only pos runs. */
@SpringBootTest(classes = PosTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoDataEndpointTest {

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    @Test
    void fillsATenantInEveryLocalServiceWithItsMembersAsPeople() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture tenant = TenantFixture.create(api);
        String service = tokens.issueServiceToken("demo-data-test").value();

        ApiClient.Response filled = api.post("/api/v1/tenants/" + tenant.tenantId() + "/demo-data?size=small", service, null);

        assertThat(filled.status()).as(filled.toString()).isEqualTo(200);
        assertThat(filled.json().path("size").asText()).isEqualTo("small");
        assertThat(filled.json().path("services").path("pos").path("tables").path("pos.pos_transaction_items").asLong())
                .isGreaterThan(100);
        assertThat(filled.json().path("total_rows").asLong()).isEqualTo(filled.json().path("services").path("pos")
                .path("rows").asLong());
        assertThat(filled.json().path("rows_per_second").asLong()).isPositive();
        ApiClient.Response sessions = api.get("/api/v1/tenants/" + tenant.tenantId() + "/pos-sessions?limit=500",
                tenant.viewer().accessToken());
        assertThat(sessions.json().path("items").findValuesAsString("opened_by")).isNotEmpty()
                .allSatisfy(cashier -> assertThat(cashier).isIn(tenant.owner().userId().toString(),
                        tenant.admin().userId().toString(), tenant.member().userId().toString(),
                        tenant.viewer().userId().toString()));
    }

    @Test
    void fillsOneServiceThroughItsOwnEndpoint() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture tenant = TenantFixture.create(api);

        ApiClient.Response filled = api.post("/api/v1/pos/tenant/" + tenant.tenantId() + "/demo-data?size=SMALL",
                tokens.issueServiceToken("demo-data-test").value(), null);

        assertThat(filled.status()).as(filled.toString()).isEqualTo(200);
        assertThat(filled.json().path("service").asText()).isEqualTo("pos");
        assertThat(filled.json().path("rows").asLong()).isGreaterThan(200);
    }

    @Test
    void refusesUsersUnknownSizesUnknownTenantsAndServicesNotRunningHere() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture tenant = TenantFixture.create(api);
        String service = tokens.issueServiceToken("demo-data-test").value();
        String path = "/api/v1/tenants/" + tenant.tenantId() + "/demo-data";

        assertThat(api.post(path + "?size=small", null, null).status()).isEqualTo(401);
        assertThat(api.post(path + "?size=small", tenant.owner().accessToken(), null).status()).isEqualTo(403);
        ApiClient.Response badSize = api.post(path + "?size=huge", service, null);
        assertThat(badSize.status()).isEqualTo(400);
        assertThat(badSize.isProblem()).isTrue();
        assertThat(badSize.text()).contains("size");
        assertThat(api.post("/api/v1/tenants/" + UUID.randomUUID() + "/demo-data?size=small", service, null).status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/orders/tenant/" + tenant.tenantId() + "/demo-data?size=small", service, null)
                .status()).isEqualTo(404);
    }
}
