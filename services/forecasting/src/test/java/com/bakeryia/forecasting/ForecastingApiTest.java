package com.bakeryia.forecasting;

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

@SpringBootTest(classes = ForecastingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ForecastingApiTest {

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
    void memberRecordsABatchOfForecastsAndViewerListsThem() {
        UUID product = UUID.randomUUID();

        ApiClient.Response created = api.post(path(), tenant.member().accessToken(), batch(
                forecast(product, "2026-12-01", "120", "100", "140"), forecast(product, "2026-12-02", "90", "80", "95")));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("requested_by").asText()).isEqualTo(tenant.member().userId().toString());
        assertThat(created.json().path("forecasts")).hasSize(2);
        ApiClient.Response listed = api.get(path() + "?product_id=" + product, tenant.viewer().accessToken());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("items").findValuesAsString("forecast_date")).containsExactly("2026-12-01", "2026-12-02");
    }

    @Test
    void viewerMayListButNotCreate() {
        assertThat(api.get(path(), tenant.viewer().accessToken()).status()).isEqualTo(200);
        ApiClient.Response refused = api.post(path(), tenant.viewer().accessToken(),
                batch(forecast(UUID.randomUUID(), "2026-12-01", "1", "1", "1")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
    }

    @Test
    void outsiderIsRefusedAndAnonymousIsUnauthorised() {
        assertThat(api.get(path(), tenant.outsider().accessToken()).status()).isEqualTo(403);
        assertThat(api.post(path(), tenant.outsider().accessToken(),
                batch(forecast(UUID.randomUUID(), "2026-12-01", "1", "1", "1"))).status()).isEqualTo(403);
        assertThat(api.get(path(), null).status()).isEqualTo(401);
    }

    @Test
    void aBatchWithOneInconsistentForecastWritesNothing() {
        UUID product = UUID.randomUUID();

        ApiClient.Response refused = api.post(path(), tenant.member().accessToken(), batch(
                forecast(product, "2026-12-01", "50", "40", "60"), forecast(product, "2026-12-02", "50", "55", "60")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.text()).contains("forecasts[1]");
        assertThat(api.get(path() + "?product_id=" + product, tenant.member().accessToken()).json().path("items")).isEmpty();
    }

    @Test
    void badInputIsA400ProblemNamingTheField() {
        ApiClient.Response badHorizon = api.post(path(), tenant.member().accessToken(), Map.of("horizon_days", 0,
                "model_version", "prophet-1", "forecasts", List.of(forecast(UUID.randomUUID(), "2026-12-01", "1", "1", "1"))));
        ApiClient.Response empty = api.post(path(), tenant.member().accessToken(),
                Map.of("horizon_days", 7, "model_version", "prophet-1", "forecasts", List.of()));

        assertThat(badHorizon.status()).isEqualTo(400);
        assertThat(badHorizon.text()).contains("horizon_days");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.text()).contains("forecasts");
        assertThat(api.get(path() + "?product_id=nope", tenant.member().accessToken()).status()).isEqualTo(400);
    }

    private String path() {
        return "/api/v1/tenants/" + tenant.tenantId() + "/forecasts";
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
