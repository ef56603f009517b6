package com.bakeryia.suppliers;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.endpoints.DataServiceEndpointContractTest;
import com.bakeryia.testsupport.endpoints.TenantEndpoint;
import com.bakeryia.testsupport.endpoints.TenantUnderTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/** Suppliers, purchase orders and their deliveries over real HTTP, with the tenant service deciding access. */
@SpringBootTest(classes = SuppliersTestApplication.class, webEnvironment = RANDOM_PORT)
class SuppliersApiTest extends DataServiceEndpointContractTest {

    @Override
    protected List<TenantEndpoint> endpoints() {
        return List.of(
                TenantEndpoint.create("suppliers", tenant -> supplierNamed("Harinera " + unique())).actingUser("created_by")
                        .requires("name").rejects("contact_email", "not-an-email").rejects("lead_time_days", -1),
                TenantEndpoint.list("suppliers"),
                TenantEndpoint.create("purchase-orders", tenant -> order(tenant, List.of(item(UUID.randomUUID(), 20, "2.10"))))
                        .actingUser("created_by").requires("expected_on").rejects("supplier_id", "x")
                        .rejects("total", "a total beyond the column", tenant -> order(tenant, Collections.nCopies(200, Map.of(
                                "ingredient_id", UUID.randomUUID().toString(), "quantity", new BigDecimal("99999999999.999"),
                                "unit", "KG", "unit_price", new BigDecimal("99999999.9999"))))),
                TenantEndpoint.list("purchase-orders"),
                TenantEndpoint.create("purchase-orders/{purchase_order_id}/deliveries",
                                tenant -> Map.of("delivered_on", "2026-12-02", "status", "PARTIAL"))
                        .with("purchase_order_id", SuppliersApiTest::placedOrder).actingUser("received_by").rejects("status", "LOST"),
                TenantEndpoint.list("purchase-orders/{purchase_order_id}/deliveries")
                        .with("purchase_order_id", SuppliersApiTest::placedOrder));
    }

    @Test
    void purchaseOrderWithItemsIsCreatedInOneRequestWithItsTotal() {
        ApiClient.Response created = api.post(path("purchase-orders"), bakery.member().accessToken(),
                order(tenant, List.of(item(UUID.randomUUID(), 100, "0.65"), item(UUID.randomUUID(), 10, "7.20"))));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("status").asText()).isEqualTo("DRAFT");
        assertThat(created.json().path("total_amount").decimalValue()).isEqualByComparingTo("137.00");
        assertThat(created.json().path("items")).hasSize(2);
    }

    @Test
    void completeDeliveryReceivesTheOrderWhichThenTakesNoMore() {
        String order = placedOrder(tenant);
        String deliveries = path("purchase-orders/" + order + "/deliveries");

        ApiClient.Response partial = api.post(deliveries, bakery.member().accessToken(),
                Map.of("delivered_on", "2026-12-02", "status", "PARTIAL", "notes", "Faltan 5 kg"));
        ApiClient.Response complete = api.post(deliveries, bakery.member().accessToken(),
                Map.of("delivered_on", "2026-12-03", "status", "COMPLETE"));
        ApiClient.Response late = api.post(deliveries, bakery.member().accessToken(),
                Map.of("delivered_on", "2026-12-04", "status", "COMPLETE"));

        assertThat(partial.status()).as(partial.toString()).isEqualTo(201);
        assertThat(complete.status()).isEqualTo(201);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.isProblem()).isTrue();
        assertThat(api.get(deliveries, bakery.viewer().accessToken()).json().path("items").findValuesAsString("status"))
                .containsExactly("PARTIAL", "COMPLETE");
        assertThat(api.get(path("purchase-orders?limit=500"), bakery.viewer().accessToken()).json().path("items")
                .findParents("id").stream().filter(node -> node.path("id").asText().equals(order))
                .map(node -> node.path("status").asText())).containsExactly("RECEIVED");
    }

    @Test
    void purchaseOrderWithOneBadItemWritesNothing() {
        int before = orderCount();

        ApiClient.Response refused = api.post(path("purchase-orders"), bakery.member().accessToken(),
                order(tenant, List.of(item(UUID.randomUUID(), 10, "1.00"), item(UUID.randomUUID(), -10, "1.00"))));

        assertProblem(refused, 400, "quantity");
        assertThat(orderCount()).isEqualTo(before);
    }

    @Test
    void purchaseOrderToAnotherTenantsSupplierIsRefusedAndWritesNothing() {
        String foreign = otherTenant.create("suppliers", supplierNamed("Foreign supplier"));
        int before = orderCount();

        ApiClient.Response refused = api.post(path("purchase-orders"), bakery.member().accessToken(), Map.of(
                "supplier_id", foreign, "expected_on", "2026-12-02", "items", List.of(item(UUID.randomUUID(), 1, "1.00"))));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("detail").asText()).contains("supplier_id");
        assertThat(orderCount()).isEqualTo(before);
    }

    @Test
    void supplierNamesAreUniqueWithinATenant() {
        String name = "Huevos " + UUID.randomUUID();
        tenant.create("suppliers", supplierNamed(name));

        ApiClient.Response duplicate = api.post(path("suppliers"), bakery.member().accessToken(), Map.of("name", name));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.isProblem()).isTrue();
    }

    /** A DRAFT purchase order of the tenant, to a supplier created for it. */
    private static String placedOrder(TenantUnderTest in) {
        return in.create("purchase-orders", order(in, List.of(item(UUID.randomUUID(), 20, "2.10"))));
    }

    private static Map<String, Object> order(TenantUnderTest in, List<Map<String, Object>> items) {
        return Map.of("supplier_id", in.create("suppliers", supplierNamed("Frutas " + unique())), "expected_on", "2026-12-02",
                "items", items);
    }

    private static Map<String, Object> supplierNamed(String name) {
        return Map.of("name", name, "contact_email", "pedidos@proveedor.example", "lead_time_days", 2);
    }

    private int orderCount() {
        return api.get(path("purchase-orders?limit=500"), bakery.owner().accessToken()).json().path("items").size();
    }

    private static Map<String, Object> item(UUID ingredient, int quantity, String unitPrice) {
        return Map.of("ingredient_id", ingredient.toString(), "quantity", quantity, "unit", "KG",
                "unit_price", new BigDecimal(unitPrice));
    }
}
