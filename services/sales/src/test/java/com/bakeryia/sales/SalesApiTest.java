package com.bakeryia.sales;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/** Sales records over real HTTP, with the tenant service deciding access. */
@SpringBootTest(classes = SalesTestApplication.class, webEnvironment = RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SalesApiTest {

    @LocalServerPort
    int port;

    ApiClient api;
    TenantFixture bakery;
    String base;

    @BeforeAll
    void createTenant() {
        api = ApiClient.onPort(port);
        bakery = TenantFixture.create(api);
        base = "/api/v1/tenants/" + bakery.tenantId();
    }

    @Test
    void memberRecordsADaysSalesWithItsRevenue() {
        ApiClient.Response created = api.post(base + "/sales-records", bakery.member().accessToken(),
                sale(UUID.randomUUID(), "2026-11-20", "STORE", 40, "1.20"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("revenue").decimalValue()).isEqualByComparingTo("48.00");
        assertThat(created.json().path("recorded_by").asText()).isEqualTo(bakery.member().userId().toString());
        ApiClient.Response listed = api.get(base + "/sales-records?from=2026-11-20&to=2026-11-20&limit=500",
                bakery.viewer().accessToken());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("items").findValuesAsString("id")).contains(created.json().path("id").asText());
        assertThat(listed.json().path("items").findValuesAsString("sale_date")).containsOnly("2026-11-20");
    }

    @Test
    void oneRecordPerProductDayAndChannel() {
        UUID product = UUID.randomUUID();
        assertThat(api.post(base + "/sales-records", bakery.member().accessToken(),
                sale(product, "2026-11-21", "ONLINE", 3, "2.00")).status()).isEqualTo(201);
        assertThat(api.post(base + "/sales-records", bakery.member().accessToken(),
                sale(product, "2026-11-21", "STORE", 3, "2.00")).status()).isEqualTo(201);

        ApiClient.Response duplicate = api.post(base + "/sales-records", bakery.member().accessToken(),
                sale(product, "2026-11-21", "ONLINE", 5, "2.00"));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.isProblem()).isTrue();
    }

    @Test
    void viewerMayListButNotCreate() {
        assertThat(api.get(base + "/sales-records", bakery.viewer().accessToken()).status()).isEqualTo(200);

        ApiClient.Response refused = api.post(base + "/sales-records", bakery.viewer().accessToken(),
                sale(UUID.randomUUID(), "2026-11-20", "STORE", 1, "1.00"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
    }

    @Test
    void nonMemberMayNeitherReadNorWrite() {
        String outsider = bakery.outsider().accessToken();

        assertThat(api.get(base + "/sales-records", outsider).status()).isEqualTo(403);
        assertThat(api.post(base + "/sales-records", outsider, sale(UUID.randomUUID(), "2026-11-20", "STORE", 1, "1.00"))
                .status()).isEqualTo(403);
    }

    @Test
    void anonymousCallerIsUnauthorized() {
        assertThat(api.get(base + "/sales-records", null).status()).isEqualTo(401);
        assertThat(api.post(base + "/sales-records", null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void badInputIsABadRequestProblem() {
        String token = bakery.member().accessToken();
        Map<String, Object> missingDate = new HashMap<>(sale(UUID.randomUUID(), "2026-11-20", "STORE", 1, "1.00"));
        missingDate.remove("sale_date");
        Map<String, Object> unknown = new HashMap<>(sale(UUID.randomUUID(), "2026-11-20", "STORE", 1, "1.00"));
        unknown.put("discount", 10);

        assertBadRequest(api.get("/api/v1/tenants/x/sales-records", token), "tenant_id");
        assertBadRequest(api.post(base + "/sales-records", token, missingDate), "sale_date");
        assertBadRequest(api.post(base + "/sales-records", token, unknown), "discount");
        assertBadRequest(api.post(base + "/sales-records", token, sale(UUID.randomUUID(), "2026-11-20", "STORE", -4, "1.00")),
                "quantity_sold");
        assertBadRequest(api.post(base + "/sales-records", token, sale(UUID.randomUUID(), "2026-11-20", "MARKET", 4, "1.00")),
                "channel");
        assertBadRequest(api.post(base + "/sales-records", token, sale(UUID.randomUUID(), "20-11-2026", "STORE", 4, "1.00")),
                "sale_date");
        assertBadRequest(api.post(base + "/sales-records", token,
                sale(UUID.randomUUID(), "2026-11-20", "STORE", 10_000_000, "99999999.99")), "revenue");
        assertBadRequest(api.get(base + "/sales-records?from=2026-11-20&to=2026-11-01", token), "to");
        assertBadRequest(api.get(base + "/sales-records?from=yesterday", token), "from");
        assertBadRequest(api.sendRaw(HttpMethod.POST, base + "/sales-records", token, "{"), "JSON");
    }

    private static Map<String, Object> sale(UUID product, String date, String channel, int quantity, String unitPrice) {
        return Map.of("product_id", product.toString(), "product_name", "Baguette", "sale_date", date, "channel", channel,
                "quantity_sold", quantity, "unit_price", new java.math.BigDecimal(unitPrice));
    }

    private static void assertBadRequest(ApiClient.Response response, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.text()).as(response.toString()).contains(mentioned);
    }
}
