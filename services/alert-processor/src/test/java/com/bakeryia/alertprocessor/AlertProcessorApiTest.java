package com.bakeryia.alertprocessor;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.endpoints.DataServiceEndpointContractTest;
import com.bakeryia.testsupport.endpoints.TenantEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Alert rules and the alerts they raise, over real HTTP, with the tenant service deciding access. */
@SpringBootTest(classes = AlertProcessorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AlertProcessorApiTest extends DataServiceEndpointContractTest {

    @Override
    protected List<TenantEndpoint> endpoints() {
        return List.of(
                TenantEndpoint.create("alert-rules", tenant -> rule()).actingUser("created_by").rejects("operator", "ABOUT"),
                TenantEndpoint.list("alert-rules"),
                TenantEndpoint.create("alerts", tenant -> Map.of("severity", "INFO", "title", "Manual"))
                        .rejects("severity", "PANIC").rejects("rule_id", UUID.randomUUID()),
                TenantEndpoint.list("alerts").rejectsQuery("status=SLEEPING", "status"));
    }

    @Test
    void memberAddsARuleAndRaisesAnAlertFromItThatViewerSees() {
        String rule = api.post(path("alert-rules"), bakery.member().accessToken(), rule()).json().path("id").asText();

        ApiClient.Response raised = api.post(path("alerts"), bakery.member().accessToken(),
                Map.of("rule_id", rule, "severity", "WARNING", "title", "Flour below 25 kg"));

        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        assertThat(raised.json().path("status").asText()).isEqualTo("OPEN");
        ApiClient.Response open = api.get(path("alerts?status=OPEN&limit=500"), bakery.viewer().accessToken());
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.json().path("items").findValuesAsString("id")).contains(raised.json().path("id").asText());
        assertThat(api.get(path("alert-rules?limit=500"), bakery.viewer().accessToken()).json().path("items")
                .findValuesAsString("created_by")).contains(bakery.member().userId().toString());
    }

    @Test
    void anotherTenantsRuleCannotRaiseAnAlertHere() {
        String foreign = otherTenant.create("alert-rules", rule());

        ApiClient.Response refused = api.post(path("alerts"), bakery.member().accessToken(),
                Map.of("rule_id", foreign, "severity", "INFO", "title", "x"));

        assertProblem(refused, 400, "rule_id");
    }

    private static Map<String, Object> rule() {
        return Map.of("name", "Flour running low", "metric", "inventory.stock_level", "operator", "LT",
                "threshold", "25", "severity", "WARNING");
    }
}
