package com.bakeryia.production;

import java.util.Map;
import java.util.UUID;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/** Equipment, production batches and quality checks over real HTTP, with the tenant service deciding access. */
@SpringBootTest(classes = ProductionTestApplication.class, webEnvironment = RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductionApiTest {

    @LocalServerPort
    int port;

    ApiClient api;
    TenantFixture bakery;
    String base;

    @BeforeAll
    void createTenant() {
        api = ApiClient.onPort(port);
        bakery = TenantFixture.create(api);
        base = "/api/v1/tenants/" + bakery.tenantId();
    }

    @Test
    void memberPlansABatchOnAnOvenAndRecordsItsQualityCheck() {
        String oven = api.post(base + "/equipment", bakery.admin().accessToken(),
                Map.of("name", "Horno " + UUID.randomUUID(), "equipment_type", "OVEN")).json().path("id").asText();
        ApiClient.Response batch = api.post(base + "/production-batches", bakery.member().accessToken(), Map.of(
                "product_name", "Baguette", "planned_quantity", 120, "planned_start", "2026-11-29T04:00:00Z",
                "equipment_id", oven, "assigned_to", bakery.member().userId().toString()));
        assertThat(batch.status()).as(batch.toString()).isEqualTo(201);
        assertThat(batch.json().path("status").asText()).isEqualTo("PLANNED");
        String batchId = batch.json().path("id").asText();

        ApiClient.Response check = api.post(base + "/production-batches/" + batchId + "/quality-checks",
                bakery.member().accessToken(), Map.of("check_type", "WEIGHT", "result", "PASS", "score", 9.5));

        assertThat(check.status()).as(check.toString()).isEqualTo(201);
        assertThat(check.json().path("checked_by").asText()).isEqualTo(bakery.member().userId().toString());
        String viewer = bakery.viewer().accessToken();
        assertThat(api.get(base + "/production-batches?limit=500", viewer).json().path("items").findValuesAsString("id"))
                .contains(batchId);
        assertThat(api.get(base + "/production-batches/" + batchId + "/quality-checks", viewer).json().path("items")
                .findValuesAsString("id")).containsExactly(check.json().path("id").asText());
        assertThat(api.get(base + "/equipment?limit=500", viewer).json().path("items").findValuesAsString("id")).contains(oven);
    }

    @Test
    void batchIsPlannedIntoAShiftScheduleThatIsUniquePerDayAndShift() {
        String day = "2027-01-15";
        ApiClient.Response schedule = api.post(base + "/production-schedules", bakery.admin().accessToken(),
                Map.of("schedule_date", day, "shift", "NIGHT", "notes", "Pedido grande del hotel"));
        assertThat(schedule.status()).as(schedule.toString()).isEqualTo(201);
        assertThat(schedule.json().path("status").asText()).isEqualTo("DRAFT");

        ApiClient.Response batch = api.post(base + "/production-batches", bakery.member().accessToken(), Map.of(
                "product_name", "Pan de centeno", "planned_quantity", 40, "planned_start", day + "T02:30:00Z",
                "schedule_id", schedule.json().path("id").asText()));
        ApiClient.Response duplicate = api.post(base + "/production-schedules", bakery.admin().accessToken(),
                Map.of("schedule_date", day, "shift", "NIGHT"));

        assertThat(batch.status()).as(batch.toString()).isEqualTo(201);
        assertThat(batch.json().path("schedule_id").asText()).isEqualTo(schedule.json().path("id").asText());
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(api.get(base + "/production-schedules?limit=500", bakery.viewer().accessToken()).json().path("items")
                .findValuesAsString("id")).contains(schedule.json().path("id").asText());
        assertBadRequest(api.post(base + "/production-schedules", bakery.admin().accessToken(),
                Map.of("schedule_date", day, "shift", "EVENING")), "shift");
    }

    @Test
    void batchMayOnlyBeAssignedToAMember() {
        ApiClient.Response refused = api.post(base + "/production-batches", bakery.member().accessToken(), Map.of(
                "product_name", "Croissant", "planned_quantity", 60, "planned_start", "2026-11-29T04:00:00Z",
                "assigned_to", bakery.outsider().userId().toString()));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("detail").asText()).contains("assigned_to");
    }

    @Test
    void qualityCheckOfAnUnknownBatchIsNotFound() {
        ApiClient.Response missing = api.post(base + "/production-batches/" + UUID.randomUUID() + "/quality-checks",
                bakery.member().accessToken(), Map.of("check_type", "VISUAL", "result", "PASS"));

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.isProblem()).isTrue();
    }

    @Test
    void viewerMayListButNotCreate() {
        assertThat(api.get(base + "/production-batches", bakery.viewer().accessToken()).status()).isEqualTo(200);

        ApiClient.Response refused = api.post(base + "/equipment", bakery.viewer().accessToken(),
                Map.of("name", "Nope", "equipment_type", "MIXER"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
    }

    @Test
    void nonMemberMayNeitherReadNorWrite() {
        String outsider = bakery.outsider().accessToken();

        assertThat(api.get(base + "/production-batches", outsider).status()).isEqualTo(403);
        assertThat(api.get(base + "/equipment", outsider).status()).isEqualTo(403);
        assertThat(api.post(base + "/equipment", outsider, Map.of("name", "X", "equipment_type", "OVEN")).status())
                .isEqualTo(403);
    }

    @Test
    void anonymousCallerIsUnauthorized() {
        assertThat(api.get(base + "/production-batches", null).status()).isEqualTo(401);
        assertThat(api.post(base + "/equipment", null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void badInputIsABadRequestProblem() {
        String token = bakery.member().accessToken();

        assertBadRequest(api.get("/api/v1/tenants/0/production-batches", token), "tenant_id");
        assertBadRequest(api.post(base + "/production-batches", token, Map.of("product_name", "Pan",
                "planned_start", "2026-11-29T04:00:00Z")), "planned_quantity");
        assertBadRequest(api.post(base + "/production-batches", token, Map.of("product_name", "Pan", "planned_quantity", -5,
                "planned_start", "2026-11-29T04:00:00Z")), "planned_quantity");
        assertBadRequest(api.post(base + "/production-batches", token, Map.of("product_name", "Pan", "planned_quantity", 5,
                "planned_start", "2026-11-29T04:00:00Z", "equipment_id", UUID.randomUUID().toString())), "equipment_id");
        assertBadRequest(api.post(base + "/equipment", token, Map.of("name", "X", "equipment_type", "OVEN", "watts", 9000)),
                "watts");
        assertBadRequest(api.post(base + "/equipment", token, Map.of("name", "X", "equipment_type", "TOASTER")),
                "equipment_type");
        assertBadRequest(api.post(base + "/production-batches/nope/quality-checks", token,
                Map.of("check_type", "VISUAL", "result", "PASS")), "batch_id");
        assertBadRequest(api.sendRaw(HttpMethod.POST, base + "/equipment", token, "{\"name\""), "JSON");
    }

    private static void assertBadRequest(ApiClient.Response response, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.text()).as(response.toString()).contains(mentioned);
    }
}
