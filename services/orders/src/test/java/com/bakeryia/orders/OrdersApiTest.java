package com.bakeryia.orders;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/** Customers and orders over real HTTP, with the tenant service deciding who may do what. */
@SpringBootTest(classes = OrdersTestApplication.class, webEnvironment = RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrdersApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

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
    void memberCreatesACustomerThatEveryMemberCanList() {
        ApiClient.Response created = api.post(base + "/customers", bakery.member().accessToken(),
                Map.of("name", "Cafe Central", "email", "compras@cafecentral.example", "customer_type", "BUSINESS"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("created_by").asText()).isEqualTo(bakery.member().userId().toString());
        assertThat(created.json().path("tenant_id").asText()).isEqualTo(bakery.tenantId().toString());
        ApiClient.Response listed = api.get(base + "/customers?limit=500", bakery.viewer().accessToken());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("items").findValuesAsString("id")).contains(created.json().path("id").asText());
    }

    @Test
    void orderWithItemsIsCreatedInOneRequestWithItsTotal() {
        String customer = customer("Ana Garcia");

        ApiClient.Response created = api.post(base + "/orders", bakery.admin().accessToken(), Map.of(
                "customer_id", customer, "delivery_date", "2026-12-24", "notes", "Recoger a las 9",
                "items", List.of(item("Roscon", 2, "18.00"), item("Croissant", 12, "1.50"))));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("status").asText()).isEqualTo("PENDING");
        assertThat(created.json().path("total_amount").decimalValue()).isEqualByComparingTo("54.00");
        assertThat(created.json().path("items")).hasSize(2);
        String orderId = created.json().path("id").asText();
        ApiClient.Response fetched = api.get(base + "/orders/" + orderId, bakery.viewer().accessToken());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json().path("items").findValuesAsString("product_name")).containsExactlyInAnyOrder("Roscon", "Croissant");
        assertThat(api.get(base + "/orders?limit=500", bakery.owner().accessToken()).json().path("items")
                .findValuesAsString("id")).contains(orderId);
    }

    @Test
    void orderWithOneBadItemWritesNothing() {
        String customer = customer("Luis Lopez");
        long before = orderCount();

        ApiClient.Response refused = api.post(base + "/orders", bakery.member().accessToken(), Map.of(
                "customer_id", customer, "delivery_date", "2026-12-24",
                "items", List.of(item("Baguette", 3, "1.20"), item("Palmera", -1, "1.80"))));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.text()).contains("quantity");
        assertThat(orderCount()).isEqualTo(before);
    }

    @Test
    void orderForAnotherTenantsCustomerIsRefusedAndWritesNothing() {
        TenantFixture other = TenantFixture.create(api);
        String foreignCustomer = api.post("/api/v1/tenants/" + other.tenantId() + "/customers", other.owner().accessToken(),
                Map.of("name", "Foreign")).json().path("id").asText();
        long before = orderCount();

        ApiClient.Response refused = api.post(base + "/orders", bakery.member().accessToken(), Map.of(
                "customer_id", foreignCustomer, "delivery_date", "2026-12-24", "items", List.of(item("Baguette", 1, "1.20"))));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("detail").asText()).contains("customer_id");
        assertThat(orderCount()).isEqualTo(before);
    }

    @Test
    void orderMovesForwardThroughItsStatusesAndEachChangeIsRecorded() {
        String order = order(customer("Elena Diaz"));

        ApiClient.Response confirmed = api.post(base + "/orders/" + order + "/status", bakery.member().accessToken(),
                Map.of("status", "CONFIRMED"));
        ApiClient.Response backwards = api.post(base + "/orders/" + order + "/status", bakery.member().accessToken(),
                Map.of("status", "PENDING"));

        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.json().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(backwards.status()).isEqualTo(409);
        assertThat(backwards.isProblem()).isTrue();
        ApiClient.Response history = api.get(base + "/orders/" + order + "/status-history", bakery.viewer().accessToken());
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().findValuesAsString("to_status")).containsExactly("PENDING", "CONFIRMED");
        assertThat(history.json().get(1).path("from_status").asText()).isEqualTo("PENDING");
        assertThat(history.json().get(1).path("changed_by").asText()).isEqualTo(bakery.member().userId().toString());
    }

    @Test
    void statusChangesAreRefusedForViewersUnknownOrdersAndUnknownStatuses() {
        String order = order(customer("Diego Moreno"));

        assertThat(api.post(base + "/orders/" + order + "/status", bakery.viewer().accessToken(),
                Map.of("status", "CONFIRMED")).status()).isEqualTo(403);
        assertThat(api.post(base + "/orders/" + UUID.randomUUID() + "/status", bakery.member().accessToken(),
                Map.of("status", "CONFIRMED")).status()).isEqualTo(404);
        assertBadRequest(api.post(base + "/orders/" + order + "/status", bakery.member().accessToken(),
                Map.of("status", "SHIPPED")), "status");
        assertThat(api.get(base + "/orders/" + order, bakery.owner().accessToken()).json().path("status").asText())
                .isEqualTo("PENDING");
    }

    @Test
    void viewerMayListButNotCreate() {
        assertThat(api.get(base + "/customers", bakery.viewer().accessToken()).status()).isEqualTo(200);
        assertThat(api.get(base + "/orders", bakery.viewer().accessToken()).status()).isEqualTo(200);

        ApiClient.Response refused = api.post(base + "/customers", bakery.viewer().accessToken(), Map.of("name", "X"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
    }

    @Test
    void nonMemberMayNeitherReadNorWrite() {
        String outsider = bakery.outsider().accessToken();

        assertThat(api.get(base + "/customers", outsider).status()).isEqualTo(403);
        assertThat(api.get(base + "/orders", outsider).status()).isEqualTo(403);
        assertThat(api.post(base + "/customers", outsider, Map.of("name", "X")).status()).isEqualTo(403);
    }

    @Test
    void anonymousCallerIsUnauthorized() {
        assertThat(api.get(base + "/customers", null).status()).isEqualTo(401);
        assertThat(api.post(base + "/orders", null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void unknownTenantIsNotFound() {
        assertThat(api.get("/api/v1/tenants/" + UUID.randomUUID() + "/customers", service()).status()).isEqualTo(404);
    }

    @Test
    void badInputIsABadRequestProblem() {
        String token = bakery.member().accessToken();
        String customer = customer("Marta Ruiz");

        assertBadRequest(api.get("/api/v1/tenants/not-a-uuid/customers", token), "tenant_id");
        assertBadRequest(api.post(base + "/customers", token, Map.of("email", "a@b.example")), "name");
        assertBadRequest(api.post(base + "/customers", token, Map.of("name", "X", "loyalty", 3)), "loyalty");
        assertBadRequest(api.post(base + "/customers", token, Map.of("name", "X", "customer_type", "VIP")), "customer_type");
        assertBadRequest(api.post(base + "/orders", token, Map.of("customer_id", "nope", "delivery_date", "2026-12-24",
                "items", List.of(item("Baguette", 1, "1.20")))), "customer_id");
        assertBadRequest(api.post(base + "/orders", token, Map.of("customer_id", customer, "delivery_date", "2026-12-24",
                "items", List.of())), "items");
        assertBadRequest(api.post(base + "/orders", token, Map.of("customer_id", customer, "delivery_date", "2026-12-24",
                "items", List.of(item("Baguette", 1, "-1.20")))), "unit_price");
        assertBadRequest(api.post(base + "/orders", token, Map.of("customer_id", customer, "delivery_date", "2026-12-24",
                "items", java.util.Collections.nCopies(200, item("Tarta", 100_000, "9999999999.99")))), "total");
        assertBadRequest(api.sendRaw(HttpMethod.POST, base + "/customers", token, "{\"name\": "), "JSON");
        assertBadRequest(api.get(base + "/customers?limit=501", token), "limit");
        assertBadRequest(api.get(base + "/orders?offset=-1", token), "offset");
    }

    @Test
    void userMayNotRecordAnotherPersonAsCreatorButAServiceMay() {
        assertBadRequest(api.post(base + "/customers", bakery.member().accessToken(),
                Map.of("name", "Impostor", "created_by", bakery.owner().userId().toString())), "created_by");

        ApiClient.Response byService = api.post(base + "/customers", service(),
                Map.of("name", "Imported", "created_by", bakery.owner().userId().toString()));

        assertThat(byService.status()).isEqualTo(201);
        assertThat(byService.json().path("created_by").asText()).isEqualTo(bakery.owner().userId().toString());
    }

    @Test
    void pagesAreStableAndDoNotOverlap() {
        for (int i = 0; i < 3; i++) {
            customer("Paged " + i);
        }
        String token = bakery.owner().accessToken();

        List<String> first = api.get(base + "/customers?limit=2&offset=0", token).json().path("items").findValuesAsString("id");
        List<String> second = api.get(base + "/customers?limit=2&offset=2", token).json().path("items").findValuesAsString("id");
        List<String> all = api.get(base + "/customers?limit=500", token).json().path("items").findValuesAsString("id");

        assertThat(first).hasSize(2).doesNotContainAnyElementsOf(second);
        assertThat(all.subList(0, 4)).containsExactlyElementsOf(concat(first, second));
    }

    private String customer(String name) {
        ApiClient.Response created = api.post(base + "/customers", bakery.member().accessToken(), Map.of("name", name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private String order(String customer) {
        ApiClient.Response created = api.post(base + "/orders", bakery.member().accessToken(), Map.of(
                "customer_id", customer, "delivery_date", "2026-12-24", "items", List.of(item("Hogaza", 1, "4.50"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private long orderCount() {
        return api.get(base + "/orders?limit=500", bakery.owner().accessToken()).json().path("items").size();
    }

    private String service() {
        return tokens.issueServiceToken("orders-api-test").value();
    }

    private static Map<String, Object> item(String product, int quantity, String unitPrice) {
        return Map.of("product_name", product, "quantity", quantity, "unit_price", new java.math.BigDecimal(unitPrice));
    }

    private static void assertBadRequest(ApiClient.Response response, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.text()).as(response.toString()).contains(mentioned);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
