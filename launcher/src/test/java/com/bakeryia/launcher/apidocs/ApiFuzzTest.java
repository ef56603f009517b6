package com.bakeryia.launcher.apidocs;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import com.bakeryia.launcher.BakeryPlatformApplication;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.SharedTestPostgres;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed requests derived from the live OpenAPI document, for every operation, as an anonymous
 * caller, an outsider user and a service: ids that are no UUIDs (or name a tenant the caller is
 * not in), query values of the wrong type, negative and huge numbers, bodies that are no JSON,
 * miss their required fields, carry fields of the wrong type, unknown fields, long or odd unicode
 * strings, and unknown enum values. Not one answer may be a 5xx, and not one row of a bystander
 * tenant (never named to a service, named to the outsider) may change.
 *
 * <p>Generation is deterministic (a fixed seed) and bounded: a few variants per operation and
 * caller, and a deadline after which no more are sent (the count sent is asserted, so a slow run
 * cannot pass by sending nothing).
 */
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ApiFuzzTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration DEADLINE = Duration.ofSeconds(150);
    private static final String ODD = "\u0000\u202e\uD83D\uDCA5 ' \" <script> %00 ; drop table x; -- \u00e9\u0301";
    private static final List<String> BAD_IDS = List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000",
            "1' or '1'='1", "%2e%2e%2f", "9".repeat(300));

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(20261202);

    @Test
    void malformedRequestsToEveryOperationNeverGetA5xxNorChangeABystandersRows() throws Exception {
        ApiClient api = ApiClient.onPort(port);
        JsonNode document = api.get("/v3/api-docs", null).json();
        String service = tokens.issueServiceToken("fuzz").value();
        TenantFixture bystander = TenantFixture.create(api);
        assertThat(api.post("/api/v1/tenants/" + bystander.tenantId() + "/demo-data?size=small", service, null).status())
                .isBetween(200, 299);
        Map<String, Long> before = rowsOf(bystander.tenantId());
        assertThat(before.values().stream().mapToLong(Long::longValue).sum()).isPositive();
        String outsider = bystander.outsider().accessToken();

        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int sent = 0;
        int operations = 0;
        Instant deadline = Instant.now().plus(DEADLINE);
        var paths = document.path("paths").properties();
        for (Map.Entry<String, JsonNode> path : paths) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                operations++;
                for (Variant variant : variants(document, path.getKey(), operation.getValue(), bystander.tenantId())) {
                    for (String[] caller : List.of(new String[] {"anonymous", null}, new String[] {"outsider", outsider},
                            new String[] {"service", service})) {
                        if (Instant.now().isAfter(deadline)) {
                            break;
                        }
                        // A service may do what it asks on a tenant it names: it is never given the bystander's id.
                        if (caller[0].equals("service") && variant.namesBystander()) {
                            continue;
                        }
                        HttpResponse<String> response = send(method, variant, caller[1]);
                        sent++;
                        statuses.merge(response.statusCode(), 1, Integer::sum);
                        if (response.statusCode() >= 500) {
                            failures.add(method + " " + variant.uri() + " as " + caller[0] + " (" + variant.what() + "): "
                                    + response.statusCode() + " " + abbreviate(response.body()));
                        }
                    }
                }
            }
        }

        System.out.printf("Fuzzed %d operations with %d malformed requests; statuses %s%n", operations, sent, statuses);
        assertThat(operations).as("operations in the document").isGreaterThan(80);
        assertThat(statuses.keySet()).as("the answers are the API's, not one refusal for all").contains(400, 401, 403, 404);
        assertThat(sent).as("malformed requests sent before the deadline").isGreaterThan(2000);
        assertThat(failures).as("5xx answers to malformed requests (statuses seen: %s)", statuses).isEmpty();
        assertThat(rowsOf(bystander.tenantId())).as("the bystander tenant's rows").isEqualTo(before);
        assertThat(api.get("/api/v1/tenants/" + bystander.tenantId(), bystander.owner().accessToken()).json()
                .path("status").asString()).isEqualTo("ACTIVE");
    }

    /** One malformed request: its URI (path and query filled in), its body (or none), and what is wrong with it. */
    private record Variant(String uri, String body, String what, boolean namesBystander) {
    }

    private List<Variant> variants(JsonNode document, String template, JsonNode operation, UUID bystander) {
        List<JsonNode> parameters = new ArrayList<>();
        operation.path("parameters").forEach(parameters::add);
        JsonNode schema = resolve(document, operation.path("requestBody").path("content").path("application/json")
                .path("schema"));
        List<Variant> variants = new ArrayList<>();
        String valid = fill(template, parameters, null, null);
        boolean hasPathIds = template.contains("{");
        if (hasPathIds) {
            for (String bad : BAD_IDS) {
                variants.add(new Variant(fill(template, parameters, bad, null), body(schema, document), "path id " + bad, false));
            }
            if (template.contains("{tenant_id}")) {
                variants.add(new Variant(template.replace("{tenant_id}", bystander.toString()).replaceAll("\\{[^}]+}",
                        UUID.randomUUID().toString()) + query(parameters, null), body(schema, document),
                        "the bystander's tenant", true));
            }
        }
        for (JsonNode parameter : parameters) {
            if (!"query".equals(parameter.path("in").asString())) {
                continue;
            }
            String name = parameter.path("name").asString();
            for (String bad : List.of("-1", "9223372036854775808", "1e309", "NaN", "x".repeat(5000), ODD, "")) {
                variants.add(new Variant(fill(template, parameters, null, Map.of(name, bad)), body(schema, document),
                        "query " + name + "=" + abbreviate(bad), false));
            }
        }
        if (!schema.isMissingNode()) {
            variants.add(new Variant(valid, "{\"unterminated\": ", "a body that is no JSON", false));
            variants.add(new Variant(valid, "[1, 2, 3]", "an array for an object", false));
            variants.add(new Variant(valid, "{}", "no field at all (required ones missing)", false));
            variants.add(new Variant(valid, "{\"a\":".repeat(300) + "1" + "}".repeat(300), "nested 300 deep", false));
            Map<String, Object> base = base(schema, document);
            Map<String, Object> extra = new LinkedHashMap<>(base);
            extra.put("unexpected_field", Map.of("x", 1));
            variants.add(new Variant(valid, JSON.writeValueAsString(extra), "an unknown field", false));
            int wrongTyped = 0;
            for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                if (wrongTyped++ >= 6) {
                    break;
                }
                JsonNode type = resolve(document, property.getValue());
                for (Object bad : wrongValues(type)) {
                    Map<String, Object> broken = new LinkedHashMap<>(base);
                    broken.put(property.getKey(), bad);
                    variants.add(new Variant(valid, JSON.writeValueAsString(broken),
                            property.getKey() + "=" + abbreviate(String.valueOf(bad)), false));
                }
            }
        }
        if (variants.isEmpty()) {
            variants.add(new Variant(valid + (valid.contains("?") ? "&" : "?") + "unexpected=" + enc(ODD), null,
                    "an unknown query parameter", false));
        }
        return variants;
    }

    /** Values of the wrong kind for a property of this schema, and edge values of the right kind. */
    private List<Object> wrongValues(JsonNode schema) {
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asString() : schema.path("type").asString("");
        return switch (type) {
            case "string" -> List.of(12345, "x".repeat(70_000), ODD, Map.of("a", 1),
                    schema.has("enum") ? "NOT_A_VALUE" : UUID.randomUUID() + "-not");
            case "integer", "number" -> List.of("12", -1, Long.MAX_VALUE, new java.math.BigInteger("1" + "0".repeat(40)), 1.5e308);
            case "boolean" -> List.of("yes", 1);
            case "array" -> List.of(Map.of("a", 1), List.of(List.of(List.of())), java.util.Collections.nCopies(20_000, 1));
            default -> List.of("text", 7, List.of());
        };
    }

    /** A plausible body for the schema (each field of its own type), to break one field at a time. */
    private Map<String, Object> base(JsonNode schema, JsonNode document) {
        Map<String, Object> base = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            JsonNode type = resolve(document, property.getValue());
            String kind = type.path("type").isArray() ? type.path("type").get(0).asString() : type.path("type").asString("");
            String format = type.path("format").asString("");
            base.put(property.getKey(), switch (kind) {
                case "string" -> type.has("enum") ? type.path("enum").get(0).asString()
                        : "uuid".equals(format) ? UUID.randomUUID().toString()
                        : "email".equals(format) ? "fuzz-" + random.nextInt(1_000_000) + "@bakery.test"
                        : "date-time".equals(format) ? "2026-01-01T00:00:00Z"
                        : "date".equals(format) ? "2026-01-01" : "x";
                case "integer", "number" -> 1;
                case "boolean" -> true;
                case "array" -> List.of();
                default -> Map.of();
            });
        }
        return base;
    }

    private String body(JsonNode schema, JsonNode document) {
        return schema.isMissingNode() ? null : JSON.writeValueAsString(base(schema, document));
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        if (ref.startsWith("#/components/schemas/")) {
            return document.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        if (schema.has("allOf") && schema.path("allOf").size() == 1) {
            return resolve(document, schema.path("allOf").get(0));
        }
        return schema;
    }

    /** The template with every path parameter a fresh UUID (or {@code badId}), and its query parameters filled. */
    private String fill(String template, List<JsonNode> parameters, String badId, Map<String, String> queryOverrides) {
        String path = template;
        while (path.contains("{")) {
            int start = path.indexOf('{');
            int end = path.indexOf('}', start);
            String name = path.substring(start + 1, end);
            String value = badId != null ? enc(badId) : name.equals("service") ? "orders" : UUID.randomUUID().toString();
            path = path.substring(0, start) + value + path.substring(end + 1);
        }
        return path + query(parameters, queryOverrides);
    }

    private static String query(List<JsonNode> parameters, Map<String, String> overrides) {
        StringBuilder query = new StringBuilder();
        if (overrides != null) {
            overrides.forEach((name, value) -> query.append(query.length() == 0 ? "?" : "&").append(enc(name)).append('=')
                    .append(enc(value)));
        }
        return query.toString();
    }

    private HttpResponse<String> send(String method, Variant variant, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + variant.uri()))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpRequest.BodyPublisher body = variant.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(variant.body(), StandardCharsets.UTF_8);
        if (variant.body() != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(method, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Rows of the tenant in every table with a tenant_id column, from the live catalog. */
    private static Map<String, Long> rowsOf(UUID tenant) {
        JdbcTemplate jdbc = new JdbcTemplate(SharedTestPostgres.dataSource(SharedTestPostgres.DEFAULT_DATABASE));
        Map<String, Long> rows = new TreeMap<>();
        for (String table : jdbc.queryForList("""
                select c.table_schema || '.' || c.table_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE' and c.table_name <> 'deletion_write_fences'
                  and c.table_schema not in ('pg_catalog', 'information_schema')""", String.class)) {
            rows.put(table, jdbc.queryForObject("select count(*) from " + table + " where tenant_id = ?", Long.class, tenant));
        }
        rows.put("tenant.tenants", jdbc.queryForObject("select count(*) from tenant.tenants where id = ?", Long.class, tenant));
        return rows;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }
}
