package com.bakeryia.launcher.apidocs;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.bakeryia.launcher.BakeryPlatformApplication;
import com.bakeryia.platform.security.ServiceClientCredentials;
import com.bakeryia.testsupport.ApiClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document is what the API does: an ordinary session over real HTTP (register, log in, refresh,
 * create a tenant, add members, transfer ownership, a service token, reads and writes in a few
 * services, errors a valid request can meet, a deletion request and its job, an operator's list and
 * figures), every request and
 * every answer validated against the live {@code /v3/api-docs}. Any violation fails the test with
 * the exchange it happened on.
 */
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ApiContractConformanceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "correct-horse-42";

    @LocalServerPort
    int port;

    @Autowired
    ServiceClientCredentials platformClient;

    @Test
    void anOrdinarySessionSendsAndReceivesOnlyWhatTheDocumentDescribes() {
        ApiClient plain = ApiClient.onPort(port);
        ApiClient.Response docs = plain.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        Validating api = new Validating(plain,
                OpenApiInteractionValidator.createForInlineApiSpecification(OpenApi30View.of(docs.json())).build());
        String run = UUID.randomUUID().toString().substring(0, 8);

        // Accounts: register, log in, refresh, read oneself.
        Session owner = api.signUp("owner-" + run + "@bakery.test", "Olga Owner");
        Session admin = api.signUp("admin-" + run + "@bakery.test", "Adam Admin");
        Session member = api.signUp("member-" + run + "@bakery.test", "Mia Member");
        ApiClient.Response refreshed = api.call(HttpMethod.POST, "/api/v1/auth/refresh", null,
                Map.of("refresh_token", owner.refreshToken()), 200);
        String ownerToken = refreshed.json().path("access_token").asString();
        api.call(HttpMethod.GET, "/api/v1/users/me", ownerToken, null, 200);

        // A tenant, its members, and a transfer of ownership.
        String tenant = api.call(HttpMethod.POST, "/api/v1/tenants", ownerToken, Map.of("name", "Panaderia " + run), 201)
                .json().path("id").asString();
        api.call(HttpMethod.GET, "/api/v1/tenants", ownerToken, null, 200);
        api.call(HttpMethod.GET, "/api/v1/tenants/" + tenant, ownerToken, null, 200);
        api.call(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/members", ownerToken,
                Map.of("user_id", admin.userId(), "role", "ADMIN"), 201);
        api.call(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/members", ownerToken,
                Map.of("user_id", member.userId(), "role", "VIEWER"), 201);
        api.call(HttpMethod.PATCH, "/api/v1/tenants/" + tenant + "/members/" + member.userId(), ownerToken,
                Map.of("role", "MEMBER"), 200);
        api.call(HttpMethod.GET, "/api/v1/tenants/" + tenant + "/members", member.accessToken(), null, 200);
        api.call(HttpMethod.GET, "/api/v1/tenants/" + tenant + "/admins", member.accessToken(), null, 200);
        api.call(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/transfer-ownership", ownerToken,
                Map.of("new_owner_id", admin.userId()), 200);

        // A service token, and what services read.
        String service = api.call(HttpMethod.POST, "/api/v1/auth/service-token", null,
                Map.of("client_id", platformClient.clientId(), "client_secret", platformClient.secret()), 200)
                .json().path("access_token").asString();
        api.call(HttpMethod.GET, "/api/v1/users/" + member.userId(), service, null, 200);
        api.call(HttpMethod.GET, "/api/v1/tenants/user/" + member.userId() + "/memberships", service, null, 200);
        api.call(HttpMethod.GET, "/api/v1/orders/info", service, null, 200);
        api.call(HttpMethod.GET, "/api/v1/auth/jwks.json", null, null, 200);

        // Reads and writes in a few services, by a member and by a service.
        api.call(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/customers", member.accessToken(),
                Map.of("name", "Cafe Sol", "email", "sol@cafe.test", "customer_type", "BUSINESS"), 201);
        api.call(HttpMethod.GET, "/api/v1/tenants/" + tenant + "/customers?limit=10&offset=0", member.accessToken(), null, 200);
        api.call(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/ingredients", service,
                Map.of("name", "Harina 000", "category", "FLOUR", "unit", "KG", "reorder_level", 25), 201);
        api.call(HttpMethod.GET, "/api/v1/tenants/" + tenant + "/ingredients", member.accessToken(), null, 200);
        api.call(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/suppliers", admin.accessToken(),
                Map.of("name", "Molinos del Sur", "lead_time_days", 3), 201);
        api.call(HttpMethod.GET, "/api/v1/tenants/" + tenant + "/suppliers", admin.accessToken(), null, 200);
        api.call(HttpMethod.GET, "/api/v1/tenants/" + tenant + "/orders", member.accessToken(), null, 200);

        // Answers a well-formed request can get: a missing resource, a taken address (answered as a free one),
        // an unknown verification link, a refusal, a wrong password, a bad token.
        api.call(HttpMethod.GET, "/api/v1/tenants/" + tenant + "/orders/" + UUID.randomUUID(), member.accessToken(), null, 404);
        api.call(HttpMethod.POST, "/api/v1/auth/register", null,
                Map.of("email", member.email(), "password", PASSWORD, "full_name", "Again"), 201);
        api.call(HttpMethod.GET, "/api/v1/auth/email-verification?token=" + "A".repeat(43), null, null, 404);
        api.call(HttpMethod.POST, "/api/v1/users/me/email-verification", member.accessToken(), null, 202);
        api.call(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/members", member.accessToken(),
                Map.of("user_id", owner.userId(), "role", "MEMBER"), 403);
        api.call(HttpMethod.POST, "/api/v1/auth/login", null, Map.of("email", member.email(), "password", "wrong-horse-42"), 401);
        api.call(HttpMethod.GET, "/api/v1/tenants/" + tenant, "not-a-token", null, 401);

        // A deletion request of a tenant of its own, its preview, and its job.
        String doomed = api.call(HttpMethod.POST, "/api/v1/tenants", member.accessToken(), Map.of("name", "Closing " + run), 201)
                .json().path("id").asString();
        api.call(HttpMethod.GET, "/api/v1/tenants/" + doomed + "/deletion-preview", member.accessToken(), null, 200);
        String job = api.call(HttpMethod.DELETE, "/api/v1/tenants/" + doomed, member.accessToken(), null, 202)
                .json().path("job_id").asString();
        api.call(HttpMethod.GET, "/api/v1/deletion-jobs/" + job, member.accessToken(), null, 200);
        // 409 while its data is deleted, 404 once it is gone (the tests' purge starts at once and settles in no time).
        api.call(HttpMethod.POST, "/api/v1/tenants/" + doomed + "/customers", member.accessToken(), Map.of("name", "Late"), 409, 404);
        api.call(HttpMethod.GET, "/api/v1/deletion-jobs?tenant_id=" + doomed, service, null, 200);

        // The operator console's calls: a service grants the role, the operator lists, filters and counts jobs.
        api.call(HttpMethod.PUT, "/api/v1/users/" + admin.userId() + "/platform-roles", service,
                Map.of("platform_roles", List.of("OPERATOR")), 200);
        api.call(HttpMethod.GET, "/api/v1/users/me", admin.accessToken(), null, 200);
        api.call(HttpMethod.GET, "/api/v1/deletion-jobs?kind=TENANT&status=COMPLETED&status=RUNNING&subject_id=" + doomed
                + "&created_after=2020-01-01T00:00:00Z&created_before=2999-01-01T00:00:00Z&limit=10&offset=0",
                admin.accessToken(), null, 200);
        api.call(HttpMethod.GET, "/api/v1/deletion-jobs/stats", admin.accessToken(), null, 200);
        api.call(HttpMethod.PUT, "/api/v1/users/" + admin.userId() + "/platform-roles", service,
                Map.of("platform_roles", List.of()), 200);
        api.call(HttpMethod.GET, "/api/v1/deletion-jobs/stats", admin.accessToken(), null, 403);

        // Logging out.
        api.call(HttpMethod.POST, "/api/v1/auth/logout", null, Map.of("refresh_token", refreshed.json().path("refresh_token").asString()), 204);

        assertThat(api.violations).as("requests or answers that differ from the API document").isEmpty();
        assertThat(api.exchanges).isGreaterThanOrEqualTo(35);
    }

    /** Guards the test above against passing vacuously: the validator does read the document's field names, codes and security. */
    @Test
    void theValidatorRefusesWhatTheDocumentDoesNotDescribe() {
        ApiClient.Response docs = ApiClient.onPort(port).get("/v3/api-docs", null);
        OpenApiInteractionValidator validator =
                OpenApiInteractionValidator.createForInlineApiSpecification(OpenApi30View.of(docs.json())).build();

        ValidationReport camelCase = validator.validateRequest(SimpleRequest.Builder.post("/api/v1/auth/register")
                .withContentType("application/json")
                .withBody("{\"email\":\"a@b.test\",\"password\":\"correct-horse-42\",\"fullName\":\"A\"}").build());
        ValidationReport noToken = validator.validateRequest(SimpleRequest.Builder.get("/api/v1/users/me").build());
        ValidationReport publicWithoutToken = validator.validateRequest(SimpleRequest.Builder.post("/api/v1/auth/login")
                .withContentType("application/json").withBody("{\"email\":\"a@b.test\",\"password\":\"x\"}").build());
        ValidationReport undeclaredStatus = validator.validateResponse("/api/v1/users/me", Request.Method.GET,
                SimpleResponse.Builder.status(418).build());

        assertThat(camelCase.hasErrors()).as("%s", camelCase.getMessages()).isTrue();
        assertThat(noToken.hasErrors()).as("%s", noToken.getMessages()).isTrue();
        assertThat(publicWithoutToken.hasErrors()).as("%s", publicWithoutToken.getMessages()).isFalse();
        assertThat(undeclaredStatus.hasErrors()).as("%s", undeclaredStatus.getMessages()).isTrue();
    }

    record Session(String userId, String email, String accessToken, String refreshToken) {
    }

    /** Sends each request, then validates it and its answer against the document. */
    static final class Validating {

        final ApiClient http;
        final OpenApiInteractionValidator validator;
        final List<String> violations = new ArrayList<>();
        int exchanges;

        Validating(ApiClient http, OpenApiInteractionValidator validator) {
            this.http = http;
            this.validator = validator;
        }

        Session signUp(String email, String fullName) {
            String id = call(HttpMethod.POST, "/api/v1/auth/register", null,
                    Map.of("email", email, "password", PASSWORD, "full_name", fullName), 201).json().path("id").asString();
            ApiClient.Response login = call(HttpMethod.POST, "/api/v1/auth/login", null,
                    Map.of("email", email, "password", PASSWORD), 200);
            return new Session(id, email, login.json().path("access_token").asString(),
                    login.json().path("refresh_token").asString());
        }

        /** One exchange; its status must be the expected one (the flow depends on it), its shape the documented one. */
        ApiClient.Response call(HttpMethod method, String pathAndQuery, String token, Object body, Integer... expectedStatus) {
            String text = body == null ? null : JSON.writeValueAsString(body);
            ApiClient.Response response = http.exchange(method, pathAndQuery, token, text);
            exchanges++;
            assertThat(response.status()).as("%s %s answered %s", method, pathAndQuery, response.text())
                    .isIn((Object[]) expectedStatus);
            ValidationReport report = validator.validate(request(method, pathAndQuery, token, text), response(response));
            report.getMessages().stream()
                    .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                    .forEach(message -> violations.add(method + " " + pathAndQuery + " -> " + response.status() + ": "
                            + message.getKey() + ": " + message.getMessage()));
            return response;
        }

        private static Request request(HttpMethod method, String pathAndQuery, String token, String body) {
            int query = pathAndQuery.indexOf('?');
            String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
            SimpleRequest.Builder request = new SimpleRequest.Builder(method.name(), path);
            if (query >= 0) {
                queryParameters(pathAndQuery.substring(query + 1)).forEach(request::withQueryParam);
            }
            if (token != null) {
                request.withAuthorization("Bearer " + token);
            }
            if (body != null) {
                request.withContentType("application/json").withBody(body);
            }
            return request.build();
        }

        private static SimpleResponse response(ApiClient.Response response) {
            SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.status());
            response.headers().forEach((name, values) -> answer.withHeader(name, values));
            if (response.text() != null && !response.text().isEmpty()) {
                answer.withBody(response.text());
            }
            return answer.build();
        }

        private static Map<String, List<String>> queryParameters(String query) {
            Map<String, List<String>> parameters = new LinkedHashMap<>();
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            }
            return parameters;
        }
    }
}
