package com.bakeryia.forecasting;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.endpoints.DataServiceEndpointContractTest;
import com.bakeryia.testsupport.endpoints.TenantEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Prediction batches and their forecasts over real HTTP, with the tenant service deciding access. */
@SpringBootTest(classes = ForecastingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ForecastingApiTest extends DataServiceEndpointContractTest {

    @Override
    protected List<TenantEndpoint> endpoints() {
        return List.of(
                TenantEndpoint.create("forecasts", tenant -> batch(forecast(UUID.randomUUID(), "2026-12-01", "1", "1", "1")))
                        .actingUser("requested_by").rejects("horizon_days", 0).rejects("forecasts", List.of()),
                TenantEndpoint.list("forecasts").rejectsQuery("product_id=nope", "product_id"));
    }

    @Test
    void memberRecordsABatchOfForecastsAndViewerListsThem() {
        UUID product = UUID.randomUUID();

        ApiClient.Response created = api.post(path("forecasts"), bakery.member().accessToken(), batch(
                forecast(product, "2026-12-01", "120", "100", "140"), forecast(product, "2026-12-02", "90", "80", "95")));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("forecasts")).hasSize(2);
        ApiClient.Response listed = api.get(path("forecasts?product_id=" + product), bakery.viewer().accessToken());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("items").findValuesAsString("forecast_date")).containsExactly("2026-12-01", "2026-12-02");
    }

    @Test
    void aBatchWithOneInconsistentForecastWritesNothing() {
        UUID product = UUID.randomUUID();

        ApiClient.Response refused = api.post(path("forecasts"), bakery.member().accessToken(), batch(
                forecast(product, "2026-12-01", "50", "40", "60"), forecast(product, "2026-12-02", "50", "55", "60")));

        assertProblem(refused, 400, "forecasts[1]");
        assertThat(api.get(path("forecasts?product_id=" + product), bakery.member().accessToken()).json().path("items")).isEmpty();
    }

    @SafeVarargs
    private static Map<String, Object> batch(Map<String, Object>... forecasts) {
        return Map.of("horizon_days", 14, "model_version", "prophet-1.2", "forecasts", List.of(forecasts));
    }

    private static Map<String, Object> forecast(UUID product, String date, String predicted, String lower, String upper) {
        return Map.of("product_id", product, "forecast_date", date, "predicted_quantity", predicted,
                "lower_bound", lower, "upper_bound", upper);
    }
}
