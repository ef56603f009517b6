package com.bakeryia.orders;

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

/** Customers and orders over real HTTP, with the tenant service deciding who may do what. */
@SpringBootTest(classes = OrdersTestApplication.class, webEnvironment = RANDOM_PORT)
class OrdersApiTest extends DataServiceEndpointContractTest {

    @Override
    protected List<TenantEndpoint> endpoints() {
        return List.of(
                TenantEndpoint.create("customers", tenant -> Map.of("name", "Cafe " + unique(), "customer_type", "BUSINESS"))
                        .actingUser("created_by").requires("name").rejects("customer_type", "VIP"),
                TenantEndpoint.list("customers"),
                TenantEndpoint.create("orders", this::order).actingUser("created_by")
                        .rejects("customer_id", "nope").rejects("items", List.of())
                        .rejects("unit_price", "a negative price", tenant -> order(tenant, item("Baguette", 1, "-1.20")))
                        .rejects("total", "a total beyond the column", tenant -> order(tenant,
                                Collections.nCopies(200, item("Tarta", 100_000, "9999999999.99")))),
                TenantEndpoint.list("orders"),
                TenantEndpoint.create("orders/{order_id}/status", tenant -> Map.of("status", "CONFIRMED")).answering(200)
                        .with("order_id", this::placedOrder).rejects("status", "SHIPPED"),
                TenantEndpoint.read("orders/{order_id}/status-history").with("order_id", this::placedOrder),
                TenantEndpoint.read("orders/{order_id}").with("order_id", this::placedOrder));
    }

    @Test
    void orderWithItemsIsCreatedInOneRequestWithItsTotal() {
        String customer = customer("Ana Garcia");

        ApiClient.Response created = api.post(path("orders"), bakery.admin().accessToken(), Map.of(
                "customer_id", customer, "delivery_date", "2026-12-24", "notes", "Recoger a las 9",
                "items", List.of(item("Roscon", 2, "18.00"), item("Croissant", 12, "1.50"))));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("status").asText()).isEqualTo("PENDING");
        assertThat(created.json().path("total_amount").decimalValue()).isEqualByComparingTo("54.00");
        assertThat(created.json().path("items")).hasSize(2);
        String orderId = created.json().path("id").asText();
        ApiClient.Response fetched = api.get(path("orders/" + orderId), bakery.viewer().accessToken());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json().path("items").findValuesAsString("product_name")).containsExactlyInAnyOrder("Roscon", "Croissant");
        assertThat(api.get(path("orders?limit=500"), bakery.owner().accessToken()).json().path("items")
                .findValuesAsString("id")).contains(orderId);
    }

    @Test
    void orderWithOneBadItemWritesNothing() {
        String customer = customer("Luis Lopez");
        long before = orderCount();

        ApiClient.Response refused = api.post(path("orders"), bakery.member().accessToken(), Map.of(
                "customer_id", customer, "delivery_date", "2026-12-24",
                "items", List.of(item("Baguette", 3, "1.20"), item("Palmera", -1, "1.80"))));

        assertProblem(refused, 400, "quantity");
        assertThat(orderCount()).isEqualTo(before);
    }

    @Test
    void orderForAnotherTenantsCustomerIsRefusedAndWritesNothing() {
        String foreignCustomer = otherTenant.create("customers", Map.of("name", "Foreign"));
        long before = orderCount();

        ApiClient.Response refused = api.post(path("orders"), bakery.member().accessToken(), Map.of(
                "customer_id", foreignCustomer, "delivery_date", "2026-12-24", "items", List.of(item("Baguette", 1, "1.20"))));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("detail").asText()).contains("customer_id");
        assertThat(orderCount()).isEqualTo(before);
    }

    @Test
    void orderMovesForwardThroughItsStatusesAndEachChangeIsRecorded() {
        String order = placedOrder(tenant);

        ApiClient.Response confirmed = api.post(path("orders/" + order + "/status"), bakery.member().accessToken(),
                Map.of("status", "CONFIRMED"));
        ApiClient.Response backwards = api.post(path("orders/" + order + "/status"), bakery.member().accessToken(),
                Map.of("status", "PENDING"));

        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.json().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(backwards.status()).isEqualTo(409);
        assertThat(backwards.isProblem()).isTrue();
        ApiClient.Response history = api.get(path("orders/" + order + "/status-history"), bakery.viewer().accessToken());
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().findValuesAsString("to_status")).containsExactly("PENDING", "CONFIRMED");
        assertThat(history.json().get(1).path("from_status").asText()).isEqualTo("PENDING");
        assertThat(history.json().get(1).path("changed_by").asText()).isEqualTo(bakery.member().userId().toString());
    }

    @Test
    void refusedStatusChangesLeaveTheOrderAsItWas() {
        String order = placedOrder(tenant);

        assertThat(api.post(path("orders/" + order + "/status"), bakery.viewer().accessToken(),
                Map.of("status", "CONFIRMED")).status()).isEqualTo(403);
        assertProblem(api.post(path("orders/" + order + "/status"), bakery.member().accessToken(),
                Map.of("status", "SHIPPED")), 400, "status");
        assertThat(api.post(path("orders/" + order + "/status"), bakery.member().accessToken(),
                Map.of("status", "CONFIRMED", "changed_by", bakery.owner().userId().toString())).status()).isEqualTo(400);
        assertThat(api.get(path("orders/" + order), bakery.owner().accessToken()).json().path("status").asText())
                .isEqualTo("PENDING");
    }

    @Test
    void aServiceMayRecordTheUserItChangesAStatusFor() {
        String order = placedOrder(tenant);

        ApiClient.Response confirmed = api.post(path("orders/" + order + "/status"), serviceToken(),
                Map.of("status", "CONFIRMED", "changed_by", bakery.admin().userId().toString()));

        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(api.get(path("orders/" + order + "/status-history"), bakery.viewer().accessToken()).json().get(1)
                .path("changed_by").asText()).isEqualTo(bakery.admin().userId().toString());
    }

    private String customer(String name) {
        return tenant.create("customers", Map.of("name", name));
    }

    /** A valid new order of one item, for a customer created for it. */
    private Map<String, Object> order(TenantUnderTest in) {
        return order(in, item("Hogaza", 1, "4.50"));
    }

    private Map<String, Object> order(TenantUnderTest in, Map<String, Object> item) {
        return order(in, List.of(item));
    }

    private Map<String, Object> order(TenantUnderTest in, List<Map<String, Object>> items) {
        return Map.of("customer_id", in.create("customers", Map.of("name", "Customer " + unique())),
                "delivery_date", "2026-12-24", "items", items);
    }

    /** A PENDING order of the tenant. */
    private String placedOrder(TenantUnderTest in) {
        return in.create("orders", order(in));
    }

    private long orderCount() {
        return api.get(path("orders?limit=500"), bakery.owner().accessToken()).json().path("items").size();
    }

    private static Map<String, Object> item(String product, int quantity, String unitPrice) {
        return Map.of("product_name", product, "quantity", quantity, "unit_price", new BigDecimal(unitPrice));
    }
}
