package com.bakeryia.alertprocessor;

import java.util.Map;
import java.util.UUID;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = AlertProcessorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AlertProcessorApiTest {

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
    void memberAddsARuleAndRaisesAnAlertFromItThatViewerSees() {
        UUID rule = addRule(tenant.member());

        ApiClient.Response raised = api.post(path("alerts"), tenant.member().accessToken(),
                Map.of("rule_id", rule, "severity", "WARNING", "title", "Flour below 25 kg"));

        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        assertThat(raised.json().path("status").asText()).isEqualTo("OPEN");
        ApiClient.Response open = api.get(path("alerts") + "?status=OPEN&limit=500", tenant.viewer().accessToken());
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.json().path("items").findValuesAsString("id")).contains(raised.json().path("id").asText());
        assertThat(api.get(path("alert-rules") + "?limit=500", tenant.viewer().accessToken()).json().path("items")
                .findValuesAsString("created_by")).contains(tenant.member().userId().toString());
    }

    @Test
    void viewerMayListButNotCreate() {
        assertThat(api.get(path("alert-rules"), tenant.viewer().accessToken()).status()).isEqualTo(200);
        ApiClient.Response refused = api.post(path("alerts"), tenant.viewer().accessToken(),
                Map.of("severity", "INFO", "title", "Manual"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
    }

    @Test
    void outsiderIsRefusedAndAnonymousIsUnauthorised() {
        assertThat(api.get(path("alerts"), tenant.outsider().accessToken()).status()).isEqualTo(403);
        assertThat(api.post(path("alert-rules"), tenant.outsider().accessToken(), rule()).status()).isEqualTo(403);
        assertThat(api.get(path("alerts"), null).status()).isEqualTo(401);
    }

    @Test
    void badInputIsA400ProblemNamingTheField() {
        ApiClient.Response badSeverity = api.post(path("alerts"), tenant.member().accessToken(),
                Map.of("severity", "PANIC", "title", "x"));
        ApiClient.Response unknownRule = api.post(path("alerts"), tenant.member().accessToken(),
                Map.of("rule_id", UUID.randomUUID(), "severity", "INFO", "title", "x"));
        ApiClient.Response badOperator = api.post(path("alert-rules"), tenant.member().accessToken(), Map.of(
                "name", "r", "metric", "inventory.stock_level", "operator", "ABOUT", "threshold", 1, "severity", "INFO"));

        assertThat(badSeverity.status()).isEqualTo(400);
        assertThat(badSeverity.isProblem()).isTrue();
        assertThat(badSeverity.text()).contains("severity");
        assertThat(unknownRule.status()).isEqualTo(400);
        assertThat(unknownRule.text()).contains("rule_id");
        assertThat(badOperator.status()).isEqualTo(400);
        assertThat(badOperator.text()).contains("operator");
        assertThat(api.get(path("alerts") + "?status=SLEEPING", tenant.member().accessToken()).status()).isEqualTo(400);
    }

    @Test
    void anotherTenantsRuleCannotRaiseAnAlertHere() {
        TenantFixture other = TenantFixture.create(api);
        ApiClient.Response foreign = api.post("/api/v1/tenants/" + other.tenantId() + "/alert-rules",
                other.owner().accessToken(), rule());
        assertThat(foreign.status()).isEqualTo(201);

        ApiClient.Response refused = api.post(path("alerts"), tenant.member().accessToken(),
                Map.of("rule_id", foreign.json().path("id").asText(), "severity", "INFO", "title", "x"));

        assertThat(refused.status()).isEqualTo(400);
    }

    private UUID addRule(TenantFixture.Member who) {
        ApiClient.Response created = api.post(path("alert-rules"), who.accessToken(), rule());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().path("id").asText());
    }

    private static Map<String, Object> rule() {
        return Map.of("name", "Flour running low", "metric", "inventory.stock_level", "operator", "LT",
                "threshold", "25", "severity", "WARNING");
    }

    private String path(String collection) {
        return "/api/v1/tenants/" + tenant.tenantId() + "/" + collection;
    }
}
