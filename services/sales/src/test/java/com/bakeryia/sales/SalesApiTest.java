package com.bakeryia.sales;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.endpoints.DataServiceEndpointContractTest;
import com.bakeryia.testsupport.endpoints.TenantEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/** Sales records over real HTTP, with the tenant service deciding access. */
@SpringBootTest(classes = SalesTestApplication.class, webEnvironment = RANDOM_PORT)
class SalesApiTest extends DataServiceEndpointContractTest {

    @Override
    protected List<TenantEndpoint> endpoints() {
        return List.of(
                TenantEndpoint.create("sales-records", tenant -> sale(UUID.randomUUID(), "2026-11-20", "STORE", 4, "1.00"))
                        .actingUser("recorded_by").requires("sale_date").rejects("quantity_sold", -4)
                        .rejects("channel", "MARKET").rejects("sale_date", "20-11-2026")
                        .rejects("revenue", "a revenue beyond the column",
                                tenant -> sale(UUID.randomUUID(), "2026-11-20", "STORE", 10_000_000, "99999999.99")),
                TenantEndpoint.list("sales-records").rejectsQuery("from=2026-11-20&to=2026-11-01", "to")
                        .rejectsQuery("from=yesterday", "from"));
    }

    @Test
    void memberRecordsADaysSalesWithItsRevenue() {
        ApiClient.Response created = api.post(path("sales-records"), bakery.member().accessToken(),
                sale(UUID.randomUUID(), "2026-11-21", "STORE", 40, "1.20"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("revenue").decimalValue()).isEqualByComparingTo("48.00");
        ApiClient.Response listed = api.get(path("sales-records?from=2026-11-21&to=2026-11-21&limit=500"),
                bakery.viewer().accessToken());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("items").findValuesAsString("id")).contains(created.json().path("id").asText());
        assertThat(listed.json().path("items").findValuesAsString("sale_date")).containsOnly("2026-11-21");
    }

    @Test
    void oneRecordPerProductDayAndChannel() {
        UUID product = UUID.randomUUID();
        assertThat(api.post(path("sales-records"), bakery.member().accessToken(),
                sale(product, "2026-11-21", "ONLINE", 3, "2.00")).status()).isEqualTo(201);
        assertThat(api.post(path("sales-records"), bakery.member().accessToken(),
                sale(product, "2026-11-21", "STORE", 3, "2.00")).status()).isEqualTo(201);

        ApiClient.Response duplicate = api.post(path("sales-records"), bakery.member().accessToken(),
                sale(product, "2026-11-21", "ONLINE", 5, "2.00"));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.isProblem()).isTrue();
    }

    private static Map<String, Object> sale(UUID product, String date, String channel, int quantity, String unitPrice) {
        return Map.of("product_id", product.toString(), "product_name", "Baguette", "sale_date", date, "channel", channel,
                "quantity_sold", quantity, "unit_price", new BigDecimal(unitPrice));
    }
}
