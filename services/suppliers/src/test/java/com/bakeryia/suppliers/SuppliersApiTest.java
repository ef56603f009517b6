package com.bakeryia.suppliers;

import java.math.BigDecimal;
import java.util.List;
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

/** Suppliers and purchase orders over real HTTP, with the tenant service deciding access. */
@SpringBootTest(classes = SuppliersTestApplication.class, webEnvironment = RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SuppliersApiTest {

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
    void purchaseOrderWithItemsIsCreatedInOneRequestWithItsTotal() {
        String supplier = supplier("Harinera " + UUID.randomUUID());

        ApiClient.Response created = api.post(base + "/purchase-orders", bakery.member().accessToken(), Map.of(
                "supplier_id", supplier, "expected_on", "2026-12-02",
                "items", List.of(item(UUID.randomUUID(), 100, "0.65"), item(UUID.randomUUID(), 10, "7.20"))));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("status").asText()).isEqualTo("DRAFT");
        assertThat(created.json().path("total_amount").decimalValue()).isEqualByComparingTo("137.00");
        assertThat(created.json().path("created_by").asText()).isEqualTo(bakery.member().userId().toString());
        ApiClient.Response listed = api.get(base + "/purchase-orders?limit=500", bakery.viewer().accessToken());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("items").findValuesAsString("id")).contains(created.json().path("id").asText());
        assertThat(api.get(base + "/suppliers?limit=500", bakery.viewer().accessToken()).json().path("items")
                .findValuesAsString("id")).contains(supplier);
    }

    @Test
    void completeDeliveryReceivesTheOrderWhichThenTakesNoMore() {
        String supplier = supplier("Frutas " + UUID.randomUUID());
        String order = api.post(base + "/purchase-orders", bakery.member().accessToken(), Map.of(
                "supplier_id", supplier, "expected_on", "2026-12-02", "items", List.of(item(UUID.randomUUID(), 20, "2.10"))))
                .json().path("id").asText();
        String path = base + "/purchase-orders/" + order + "/deliveries";

        ApiClient.Response partial = api.post(path, bakery.member().accessToken(),
                Map.of("delivered_on", "2026-12-02", "status", "PARTIAL", "notes", "Faltan 5 kg"));
        ApiClient.Response complete = api.post(path, bakery.member().accessToken(),
                Map.of("delivered_on", "2026-12-03", "status", "COMPLETE"));
        ApiClient.Response late = api.post(path, bakery.member().accessToken(),
                Map.of("delivered_on", "2026-12-04", "status", "COMPLETE"));

        assertThat(partial.status()).as(partial.toString()).isEqualTo(201);
        assertThat(partial.json().path("received_by").asText()).isEqualTo(bakery.member().userId().toString());
        assertThat(complete.status()).isEqualTo(201);
        assertThat(late.status()).isEqualTo(409);
        ApiClient.Response deliveries = api.get(path, bakery.viewer().accessToken());
        assertThat(deliveries.json().path("items").findValuesAsString("status")).containsExactly("PARTIAL", "COMPLETE");
        assertThat(api.get(path + "?limit=1&offset=1", bakery.viewer().accessToken()).json().path("items")
                .findValuesAsString("status")).containsExactly("COMPLETE");
        assertThat(api.get(path + "?limit=501", bakery.viewer().accessToken()).status()).isEqualTo(400);
        assertThat(api.get(base + "/purchase-orders?limit=500", bakery.viewer().accessToken()).json().path("items")
                .findParents("id").stream().filter(node -> node.path("id").asText().equals(order))
                .map(node -> node.path("status").asText())).containsExactly("RECEIVED");
        assertThat(api.post(path, bakery.viewer().accessToken(), Map.of("delivered_on", "2026-12-04", "status", "PARTIAL"))
                .status()).isEqualTo(403);
        assertThat(api.post(base + "/purchase-orders/" + UUID.randomUUID() + "/deliveries", bakery.member().accessToken(),
                Map.of("delivered_on", "2026-12-04", "status", "PARTIAL")).status()).isEqualTo(404);
        assertBadRequest(api.post(path, bakery.member().accessToken(), Map.of("delivered_on", "2026-12-04", "status", "LOST")),
                "status");
    }

    @Test
    void purchaseOrderWithOneBadItemWritesNothing() {
        String supplier = supplier("Lacteos " + UUID.randomUUID());
        int before = orderCount();

        ApiClient.Response refused = api.post(base + "/purchase-orders", bakery.member().accessToken(), Map.of(
                "supplier_id", supplier, "expected_on", "2026-12-02",
                "items", List.of(item(UUID.randomUUID(), 10, "1.00"), item(UUID.randomUUID(), -10, "1.00"))));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("quantity");
        assertThat(orderCount()).isEqualTo(before);
    }

    @Test
    void purchaseOrderToAnotherTenantsSupplierIsRefusedAndWritesNothing() {
        TenantFixture other = TenantFixture.create(api);
        String foreign = api.post("/api/v1/tenants/" + other.tenantId() + "/suppliers", other.owner().accessToken(),
                Map.of("name", "Foreign supplier")).json().path("id").asText();
        int before = orderCount();

        ApiClient.Response refused = api.post(base + "/purchase-orders", bakery.member().accessToken(), Map.of(
                "supplier_id", foreign, "expected_on", "2026-12-02", "items", List.of(item(UUID.randomUUID(), 1, "1.00"))));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("detail").asText()).contains("supplier_id");
        assertThat(orderCount()).isEqualTo(before);
    }

    @Test
    void supplierNamesAreUniqueWithinATenant() {
        String name = "Huevos " + UUID.randomUUID();
        supplier(name);

        ApiClient.Response duplicate = api.post(base + "/suppliers", bakery.member().accessToken(), Map.of("name", name));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.isProblem()).isTrue();
    }

    @Test
    void viewerMayListButNotCreate() {
        assertThat(api.get(base + "/suppliers", bakery.viewer().accessToken()).status()).isEqualTo(200);

        ApiClient.Response refused = api.post(base + "/suppliers", bakery.viewer().accessToken(), Map.of("name", "Nope"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
    }

    @Test
    void nonMemberMayNeitherReadNorWrite() {
        String outsider = bakery.outsider().accessToken();

        assertThat(api.get(base + "/suppliers", outsider).status()).isEqualTo(403);
        assertThat(api.get(base + "/purchase-orders", outsider).status()).isEqualTo(403);
        assertThat(api.post(base + "/suppliers", outsider, Map.of("name", "X")).status()).isEqualTo(403);
    }

    @Test
    void anonymousCallerIsUnauthorized() {
        assertThat(api.get(base + "/suppliers", null).status()).isEqualTo(401);
        assertThat(api.post(base + "/purchase-orders", null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void badInputIsABadRequestProblem() {
        String token = bakery.member().accessToken();
        String supplier = supplier("Cacao " + UUID.randomUUID());

        assertBadRequest(api.get("/api/v1/tenants/abc/suppliers", token), "tenant_id");
        assertBadRequest(api.post(base + "/suppliers", token, Map.of("contact_email", "x@y.example")), "name");
        assertBadRequest(api.post(base + "/suppliers", token, Map.of("name", "X", "iban", "ES00")), "iban");
        assertBadRequest(api.post(base + "/suppliers", token, Map.of("name", "X", "contact_email", "not-an-email")),
                "contact_email");
        assertBadRequest(api.post(base + "/suppliers", token, Map.of("name", "X", "lead_time_days", -1)), "lead_time_days");
        assertBadRequest(api.post(base + "/purchase-orders", token, Map.of("supplier_id", supplier,
                "items", List.of(item(UUID.randomUUID(), 1, "1.00")))), "expected_on");
        assertBadRequest(api.post(base + "/purchase-orders", token, Map.of("supplier_id", "x", "expected_on", "2026-12-02",
                "items", List.of(item(UUID.randomUUID(), 1, "1.00")))), "supplier_id");
        assertBadRequest(api.post(base + "/purchase-orders", token, Map.of("supplier_id", supplier, "expected_on", "2026-12-02",
                "items", java.util.Collections.nCopies(200, Map.of("ingredient_id", UUID.randomUUID().toString(),
                        "quantity", new BigDecimal("99999999999.999"), "unit", "KG", "unit_price", new BigDecimal("99999999.9999"))))),
                "total");
        assertBadRequest(api.sendRaw(HttpMethod.POST, base + "/suppliers", token, "nope"), "JSON");
    }

    private String supplier(String name) {
        ApiClient.Response created = api.post(base + "/suppliers", bakery.member().accessToken(),
                Map.of("name", name, "contact_email", "pedidos@proveedor.example", "lead_time_days", 2));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private int orderCount() {
        return api.get(base + "/purchase-orders?limit=500", bakery.owner().accessToken()).json().path("items").size();
    }

    private static Map<String, Object> item(UUID ingredient, int quantity, String unitPrice) {
        return Map.of("ingredient_id", ingredient.toString(), "quantity", quantity, "unit", "KG",
                "unit_price", new BigDecimal(unitPrice));
    }

    private static void assertBadRequest(ApiClient.Response response, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.text()).as(response.toString()).contains(mentioned);
    }
}
