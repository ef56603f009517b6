package com.bakeryia.pos;

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

/** Tills, their sessions and the transactions rung up in them, over real HTTP, with the tenant service deciding access. */
@SpringBootTest(classes = PosTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PosApiTest extends DataServiceEndpointContractTest {

    @Override
    protected List<TenantEndpoint> endpoints() {
        return List.of(
                TenantEndpoint.create("pos-configurations", tenant -> till()).actingUser("created_by")
                        .rejects("provider", "ABACUS"),
                TenantEndpoint.list("pos-configurations"),
                TenantEndpoint.create("pos-sessions", tenant -> Map.of("configuration_id", tenant.create("pos-configurations", till()),
                        "opening_cash", "150.00")).actingUser("opened_by").rejects("configuration_id", UUID.randomUUID()),
                TenantEndpoint.list("pos-sessions"),
                TenantEndpoint.create("pos-transactions", tenant -> transaction(tenant, item("Baguette", 2, "1.20")))
                        .actingUser("created_by").rejects("session_id", UUID.randomUUID())
                        .rejects("items[1].quantity", "a negative quantity on the second line",
                                tenant -> transaction(tenant, item("Baguette", 1, "1.20"), item("Eclair", -1, "3.00"))),
                TenantEndpoint.list("pos-transactions"));
    }

    @Test
    void memberRingsUpATransactionWithItemsAndViewerSeesIt() {
        ApiClient.Response created = api.post(path("pos-transactions"), bakery.member().accessToken(),
                transaction(tenant, item("Baguette", 2, "1.20"), item("Croissant", 3, "1.40")));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("total_amount").decimalValue()).isEqualByComparingTo("6.60");
        assertThat(created.json().path("items")).hasSize(2);
        ApiClient.Response listed = api.get(path("pos-transactions?limit=500"), bakery.viewer().accessToken());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("items").findValuesAsString("id")).contains(created.json().path("id").asText());
    }

    @Test
    void aTransactionWithOneBadItemWritesNothing() {
        int before = transactionCount();

        ApiClient.Response refused = api.post(path("pos-transactions"), bakery.admin().accessToken(),
                transaction(tenant, item("Baguette", 1, "1.20"), item("Eclair", -1, "3.00")));
        ApiClient.Response wrongSession = api.post(path("pos-transactions"), bakery.admin().accessToken(), Map.of(
                "session_id", UUID.randomUUID(), "payment_method", "CASH", "items", List.of(item("Baguette", 1, "1.20"))));

        assertProblem(refused, 400, "items[1].quantity");
        assertProblem(wrongSession, 400, "session_id");
        assertThat(transactionCount()).isEqualTo(before);
    }

    @Test
    void anotherTenantsTillCannotBeUsed() {
        String foreignTill = otherTenant.create("pos-configurations", till());

        ApiClient.Response refused = api.post(path("pos-sessions"), bakery.member().accessToken(),
                Map.of("configuration_id", foreignTill, "opening_cash", "10.00"));

        assertProblem(refused, 400, "configuration_id");
    }

    /** A transaction in a session opened for it on a till created for it. */
    @SafeVarargs
    private static Map<String, Object> transaction(TenantUnderTest in, Map<String, Object>... items) {
        String session = in.create("pos-sessions", Map.of("configuration_id", in.create("pos-configurations", till()),
                "opening_cash", "150.00"));
        return Map.of("session_id", session, "payment_method", "CARD", "items", List.of(items));
    }

    private static Map<String, Object> till() {
        return Map.of("name", "Front till", "provider", "GENERIC", "location_name", "Main street");
    }

    private int transactionCount() {
        return api.get(path("pos-transactions?limit=500"), bakery.owner().accessToken()).json().path("items").size();
    }

    private static Map<String, Object> item(String name, int quantity, String unitPrice) {
        return Map.of("product_name", name, "quantity", quantity, "unit_price", unitPrice);
    }
}
