package com.bakeryia.pos;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = PosTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PosApiTest {

    private static TenantFixture tenant;

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void createTenantOnce() {
        api = ApiClient.onPort(port);
        if (tenant == null) {
            tenant = TenantFixture.create(api);
        }
    }

    @Test
    void memberRingsUpATransactionWithItemsAndViewerSeesIt() {
        UUID session = openSession(tenant.member());

        ApiClient.Response created = api.post(path("pos-transactions"), tenant.member().accessToken(), Map.of(
                "session_id", session, "payment_method", "CARD",
                "items", List.of(item("Baguette", 2, "1.20"), item("Croissant", 3, "1.40"))));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("total_amount").decimalValue()).isEqualByComparingTo("6.60");
        assertThat(created.json().path("created_by").asText()).isEqualTo(tenant.member().userId().toString());
        assertThat(created.json().path("items")).hasSize(2);
        ApiClient.Response listed = api.get(path("pos-transactions") + "?limit=500", tenant.viewer().accessToken());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("items").findValuesAsString("id")).contains(created.json().path("id").asText());
    }

    @Test
    void viewerMayListButNotCreate() {
        assertThat(api.get(path("pos-configurations"), tenant.viewer().accessToken()).status()).isEqualTo(200);

        ApiClient.Response refused = api.post(path("pos-configurations"), tenant.viewer().accessToken(),
                Map.of("name", "Till", "provider", "SQUARE"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
    }

    @Test
    void outsiderIsRefusedAndAnonymousIsUnauthorised() {
        assertThat(api.get(path("pos-sessions"), tenant.outsider().accessToken()).status()).isEqualTo(403);
        assertThat(api.post(path("pos-configurations"), tenant.outsider().accessToken(),
                Map.of("name", "Till", "provider", "SQUARE")).status()).isEqualTo(403);
        assertThat(api.get(path("pos-sessions"), null).status()).isEqualTo(401);
    }

    @Test
    void badInputIsA400ProblemNamingTheField() {
        ApiClient.Response badProvider = api.post(path("pos-configurations"), tenant.member().accessToken(),
                Map.of("name", "Till", "provider", "ABACUS"));
        ApiClient.Response unknownSession = api.post(path("pos-sessions"), tenant.member().accessToken(),
                Map.of("configuration_id", UUID.randomUUID(), "opening_cash", "100.00"));
        ApiClient.Response badLimit = api.get(path("pos-transactions") + "?limit=501", tenant.member().accessToken());

        assertThat(badProvider.status()).isEqualTo(400);
        assertThat(badProvider.isProblem()).isTrue();
        assertThat(badProvider.text()).contains("provider");
        assertThat(unknownSession.status()).isEqualTo(400);
        assertThat(unknownSession.text()).contains("configuration_id");
        assertThat(badLimit.status()).isEqualTo(400);
    }

    @Test
    void aTransactionWithOneBadItemWritesNothing() {
        UUID session = openSession(tenant.admin());
        int before = transactionCount();

        ApiClient.Response refused = api.post(path("pos-transactions"), tenant.admin().accessToken(), Map.of(
                "session_id", session, "payment_method", "CASH",
                "items", List.of(item("Baguette", 1, "1.20"), item("Eclair", -1, "3.00"))));
        ApiClient.Response wrongSession = api.post(path("pos-transactions"), tenant.admin().accessToken(), Map.of(
                "session_id", UUID.randomUUID(), "payment_method", "CASH", "items", List.of(item("Baguette", 1, "1.20"))));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("items[1].quantity");
        assertThat(wrongSession.status()).isEqualTo(400);
        assertThat(transactionCount()).isEqualTo(before);
    }

    @Test
    void aUserCannotNameSomeoneElseAsCashier() {
        UUID configuration = createConfiguration(tenant.owner());

        ApiClient.Response refused = api.post(path("pos-sessions"), tenant.member().accessToken(), Map.of(
                "configuration_id", configuration, "opening_cash", "50.00", "opened_by", tenant.owner().userId()));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("opened_by");
    }

    @Test
    void anotherTenantsTillCannotBeUsed() {
        TenantFixture other = TenantFixture.create(api);
        UUID foreignTill = createConfigurationIn(other.tenantId(), other.owner());

        ApiClient.Response refused = api.post(path("pos-sessions"), tenant.member().accessToken(),
                Map.of("configuration_id", foreignTill, "opening_cash", "10.00"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(api.get("/api/v1/tenants/" + other.tenantId() + "/pos-configurations", tenant.member().accessToken())
                .status()).isEqualTo(403);
    }

    private UUID openSession(TenantFixture.Member who) {
        UUID configuration = createConfiguration(who);
        ApiClient.Response session = api.post(path("pos-sessions"), who.accessToken(),
                Map.of("configuration_id", configuration, "opening_cash", "150.00"));
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        return UUID.fromString(session.json().path("id").asText());
    }

    private UUID createConfiguration(TenantFixture.Member who) {
        return createConfigurationIn(tenant.tenantId(), who);
    }

    private UUID createConfigurationIn(UUID tenantId, TenantFixture.Member who) {
        ApiClient.Response created = api.post("/api/v1/tenants/" + tenantId + "/pos-configurations", who.accessToken(),
                Map.of("name", "Front till", "provider", "GENERIC", "location_name", "Main street"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().path("id").asText());
    }

    private int transactionCount() {
        return api.get(path("pos-transactions") + "?limit=500", tenant.owner().accessToken()).json().path("items").size();
    }

    private String path(String collection) {
        return "/api/v1/tenants/" + tenant.tenantId() + "/" + collection;
    }

    private static Map<String, Object> item(String name, int quantity, String unitPrice) {
        return Map.of("product_name", name, "quantity", quantity, "unit_price", unitPrice);
    }
}
