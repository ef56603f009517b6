package com.bakeryia.launcher;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.SharedTestPostgres;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request limits over real HTTP: the body size (declared or chunked), the JSON parser's caps, the
 * external data's per-entry caps, and plain answers for unknown paths and wrong methods.
 */
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class RequestLimitsTest {

    private static final int LIMIT = 256 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static UUID tenantId;
    private static String owner;

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    ApiClient api;

    @BeforeEach
    void createTenantOnce() {
        api = ApiClient.onPort(port);
        if (tenantId == null) {
            TenantFixture.Member member = TenantFixture.register(api, "limits", UUID.randomUUID().toString().substring(0, 8));
            tenantId = TenantFixture.createTenant(api, member, "Limits " + member.userId());
            owner = member.accessToken();
        }
    }

    @Test
    void bodyDeclaredAboveTheLimitIsA413ProblemAndNothingIsStored() throws Exception {
        String body = paddedEntry("declared", LIMIT + 1);

        HttpResponse<String> response = send(externalData(), owner, HttpRequest.BodyPublishers.ofString(body));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertProblem(response, 413);
        assertThat(json(response).path("detail").asText()).contains("256 KB");
        assertThat(storedKeys()).doesNotContain("declared");
    }

    @Test
    void bodyDeclaredAboveTheLimitIsRefusedBeforeTheTokenIsLookedAt() throws Exception {
        HttpResponse<String> response = send(externalData(), null,
                HttpRequest.BodyPublishers.ofString(paddedEntry("anonymous", 2 * LIMIT)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertProblem(response, 413);
    }

    @Test
    void chunkedBodyPastTheLimitIsA413ProblemAndNothingIsStored() throws Exception {
        byte[] body = paddedEntry("chunked", LIMIT + 1000).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = send(externalData(), owner,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertProblem(response, 413);
        assertThat(json(response).path("detail").asText()).contains("256 KB");
        assertThat(storedKeys()).doesNotContain("chunked");
    }

    @Test
    void bodyJustUnderTheLimitIsAcceptedDeclaredOrChunked() throws Exception {
        byte[] declared = paddedEntry("just-under-declared", LIMIT - 10).getBytes(StandardCharsets.UTF_8);
        byte[] chunked = paddedEntry("just-under-chunked", LIMIT).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> first = send(externalData(), owner, HttpRequest.BodyPublishers.ofByteArray(declared));
        HttpResponse<String> second = send(externalData(), owner,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked)));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(storedKeys()).contains("just-under-declared", "just-under-chunked");
    }

    @Test
    void forecastsMayBeLargerThanTheDefaultLimit() throws Exception {
        String body = "{\"horizon_days\": 7," + " ".repeat(LIMIT + 1000) + "\"model_version\": \"v1\"}";

        HttpResponse<String> response = send("/api/v1/tenants/" + tenantId + "/forecasts", owner,
                HttpRequest.BodyPublishers.ofString(body));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("forecasts");
    }

    @Test
    void deepNestingIsA400ProblemNamingTheLimit() {
        String payload = "{\"deep\": " + "[".repeat(100) + "]".repeat(100) + "}";

        ApiClient.Response response = api.sendRaw(HttpMethod.POST, externalData(), owner, entryWithPayload("deep", payload));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().path("detail").asText()).contains("64 levels").doesNotContain("StreamReadConstraints");
    }

    @Test
    void hugeStringIsA400ProblemNamingTheLimit() {
        String payload = "{\"huge\": \"" + "x".repeat(70_000) + "\"}";

        ApiClient.Response response = api.sendRaw(HttpMethod.POST, externalData(), owner, entryWithPayload("huge", payload));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().path("detail").asText()).contains("65536 characters").doesNotContain("StreamReadConstraints");
    }

    @Test
    void externalDataOverItsPerEntryCapsIsA400ProblemNamingThePayload() {
        Map<String, Object> tooManyFields = new LinkedHashMap<>();
        for (int i = 0; i < 101; i++) {
            tooManyFields.put("f" + i, i);
        }
        Map<String, Object> longValue = Map.of("forecast", "x".repeat(9000));
        Map<String, Object> longName = Map.of("n".repeat(101), 1);
        Map<String, Object> tooLargeInAll = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            tooLargeInAll.put("hour" + i, "x".repeat(8000));
        }

        Map<Map<String, Object>, String> expected = Map.of(tooManyFields, "payload must have at most 100 fields",
                longValue, "payload[forecast] must be at most 8192 characters of JSON",
                longName, "must be a field name of at most 100 characters",
                tooLargeInAll, "payload must be at most 65536 characters of JSON");

        expected.forEach((payload, detail) -> {
            ApiClient.Response response = api.post(externalData(), owner, Map.of("source", "WEATHER",
                    "cache_key", "caps-" + UUID.randomUUID(), "payload", payload, "expires_at", inAnHour()));

            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.isProblem()).isTrue();
            assertThat(response.json().path("detail").asText()).contains(detail);
        });
        assertThat(storedKeys()).noneMatch(key -> key.startsWith("caps-"));
    }

    @Test
    void externalDataCapsAreInTheApiDocs() {
        JsonNode payload = api.get("/v3/api-docs", null).json().path("components").path("schemas")
                .path("NewCacheEntry").path("properties").path("payload");

        assertThat(payload.path("maxProperties").asInt()).isEqualTo(100);
        assertThat(payload.path("description").asText()).contains("8192", "65536");
    }

    @Test
    void payloadStoredBeforeTheCapsStaysListable() {
        new JdbcTemplate(SharedTestPostgres.dataSource(SharedTestPostgres.DEFAULT_DATABASE)).update("""
                insert into external.external_data_cache (id, tenant_id, source, cache_key, payload, fetched_at, expires_at, created_at)
                values (?, ?, 'EVENTS', 'legacy', ?::jsonb, now(), now() + interval '1 hour', now())""",
                UUID.randomUUID(), tenantId, "{\"long\": \"" + "x".repeat(70_000) + "\"}");

        assertThat(storedKeys()).contains("legacy");
    }

    @Test
    void unknownPathIsAPlain404Problem() {
        ApiClient.Response response = api.get("/api/v1/no-such-thing/here", tokens.issueServiceToken("ops").value());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().path("detail").asText()).isEqualTo("No endpoint GET /api/v1/no-such-thing/here.");
        assertThat(response.text()).doesNotContainIgnoringCase("static resource");
    }

    @Test
    void wrongMethodIsAPlain405Problem() {
        ApiClient.Response response = api.delete(externalData(), owner);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().path("detail").asText())
                .isEqualTo("Method DELETE is not allowed on " + externalData() + "; allowed: GET, POST.");
        assertThat(response.header("Allow")).isNotEmpty();
    }

    private String externalData() {
        return "/api/v1/tenants/" + tenantId + "/external-data";
    }

    /** A valid external-data entry padded with whitespace to exactly {@code bytes} bytes. */
    private static String paddedEntry(String key, int bytes) {
        String entry = entryWithPayload(key, "{\"temperature_c\": 11.5}");
        String open = "{";
        String rest = entry.substring(1);
        return open + " ".repeat(bytes - entry.length()) + rest;
    }

    private static String entryWithPayload(String key, String payloadJson) {
        return "{\"source\": \"WEATHER\", \"cache_key\": \"" + key + "\", \"expires_at\": \"" + inAnHour()
                + "\", \"payload\": " + payloadJson + "}";
    }

    private static String inAnHour() {
        return OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString();
    }

    private java.util.List<String> storedKeys() {
        ApiClient.Response listed = api.get(externalData() + "?limit=500", owner);
        assertThat(listed.status()).isEqualTo(200);
        java.util.List<String> keys = new java.util.ArrayList<>();
        listed.json().path("items").forEach(item -> keys.add(item.path("cache_key").asText()));
        return keys;
    }

    private HttpResponse<String> send(String path, String token, BodyPublisher body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).path("status").asInt()).isEqualTo(status);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
