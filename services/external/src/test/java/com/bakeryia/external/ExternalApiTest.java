package com.bakeryia.external;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.endpoints.DataServiceEndpointContractTest;
import com.bakeryia.testsupport.endpoints.TenantEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache of outside providers' answers over real HTTP, with the tenant service deciding access. */
@SpringBootTest(classes = ExternalTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExternalApiTest extends DataServiceEndpointContractTest {

    @Override
    protected List<TenantEndpoint> endpoints() {
        return List.of(
                TenantEndpoint.create("external-data", tenant -> entry("EVENTS", "events:" + unique(), Map.of("event", "market")))
                        .rejects("source", "STOCKS").rejects("payload", 42).rejects("expires_at", "2020-01-01T00:00:00Z"),
                TenantEndpoint.list("external-data").rejectsQuery("source=stocks", "source"));
    }

    @Test
    void memberCachesAnAnswerAndARefreshReplacesIt() {
        ApiClient.Response first = api.post(path("external-data"), bakery.member().accessToken(),
                entry("WEATHER", "weather:madrid:2026-12-01", Map.of("temperature_c", 11.5)));
        ApiClient.Response refreshed = api.post(path("external-data"), bakery.admin().accessToken(),
                entry("WEATHER", "weather:madrid:2026-12-01", Map.of("temperature_c", 9.0)));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(refreshed.status()).isEqualTo(201);
        assertThat(refreshed.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        ApiClient.Response listed = api.get(path("external-data?source=WEATHER"), bakery.viewer().accessToken());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("items")).hasSize(1);
        assertThat(listed.json().path("items").get(0).path("payload").path("temperature_c").asDouble()).isEqualTo(9.0);
    }

    private static Map<String, Object> entry(String source, String key, Map<String, Object> payload) {
        return Map.of("source", source, "cache_key", key, "payload", payload,
                "expires_at", OffsetDateTime.now(ZoneOffset.UTC).plusHours(6).toString());
    }
}
