package com.bakeryia.external;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = ExternalTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExternalApiTest {

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
    void memberCachesAnAnswerAndARefreshReplacesIt() {
        ApiClient.Response first = api.post(path(), tenant.member().accessToken(),
                entry("WEATHER", "weather:madrid:2026-12-01", Map.of("temperature_c", 11.5)));
        ApiClient.Response refreshed = api.post(path(), tenant.admin().accessToken(),
                entry("WEATHER", "weather:madrid:2026-12-01", Map.of("temperature_c", 9.0)));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(refreshed.status()).isEqualTo(201);
        assertThat(refreshed.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        ApiClient.Response listed = api.get(path() + "?source=WEATHER", tenant.viewer().accessToken());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("items")).hasSize(1);
        assertThat(listed.json().path("items").get(0).path("payload").path("temperature_c").asDouble()).isEqualTo(9.0);
    }

    @Test
    void viewerMayListButNotWrite() {
        assertThat(api.get(path(), tenant.viewer().accessToken()).status()).isEqualTo(200);
        ApiClient.Response refused = api.post(path(), tenant.viewer().accessToken(),
                entry("TRAFFIC", "traffic:centre", Map.of("congestion_index", 40)));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
    }

    @Test
    void outsiderIsRefusedAndAnonymousIsUnauthorised() {
        assertThat(api.get(path(), tenant.outsider().accessToken()).status()).isEqualTo(403);
        assertThat(api.post(path(), tenant.outsider().accessToken(),
                entry("EVENTS", "events:market", Map.of("event", "market"))).status()).isEqualTo(403);
        assertThat(api.get(path(), null).status()).isEqualTo(401);
    }

    @Test
    void badInputIsA400ProblemNamingTheField() {
        ApiClient.Response badSource = api.post(path(), tenant.member().accessToken(),
                entry("STOCKS", "x", Map.of("a", 1)));
        ApiClient.Response notAnObject = api.post(path(), tenant.member().accessToken(), Map.of("source", "WEATHER",
                "cache_key", "k", "payload", 42, "expires_at", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString()));
        ApiClient.Response expired = api.post(path(), tenant.member().accessToken(), Map.of("source", "WEATHER",
                "cache_key", "k", "payload", Map.of(), "expires_at", "2020-01-01T00:00:00Z"));
        ApiClient.Response badFilter = api.get(path() + "?source=stocks", tenant.member().accessToken());

        assertThat(badSource.status()).isEqualTo(400);
        assertThat(badSource.isProblem()).isTrue();
        assertThat(badSource.text()).contains("source");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.text()).contains("payload");
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.text()).contains("expires_at");
        assertThat(badFilter.status()).isEqualTo(400);
    }

    private String path() {
        return "/api/v1/tenants/" + tenant.tenantId() + "/external-data";
    }

    private static Map<String, Object> entry(String source, String key, Map<String, Object> payload) {
        return Map.of("source", source, "cache_key", key, "payload", payload,
                "expires_at", OffsetDateTime.now(ZoneOffset.UTC).plusHours(6).toString());
    }
}
