package com.bakeryia.production;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.endpoints.DataServiceEndpointContractTest;
import com.bakeryia.testsupport.endpoints.TenantEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/** Equipment, production schedules, batches and quality checks over real HTTP, with the tenant service deciding access. */
@SpringBootTest(classes = ProductionTestApplication.class, webEnvironment = RANDOM_PORT)
class ProductionApiTest extends DataServiceEndpointContractTest {

    /** One schedule per day and shift: each sample takes the next day. */
    private final AtomicInteger scheduledDays = new AtomicInteger();

    @Override
    protected List<TenantEndpoint> endpoints() {
        return List.of(
                TenantEndpoint.create("equipment", tenant -> Map.of("name", "Horno " + unique(), "equipment_type", "OVEN"))
                        .rejects("equipment_type", "TOASTER"),
                TenantEndpoint.list("equipment"),
                TenantEndpoint.create("production-schedules", tenant -> Map.of("schedule_date",
                                LocalDate.of(2030, 1, 1).plusDays(scheduledDays.incrementAndGet()).toString(), "shift", "NIGHT"))
                        .actingUser("created_by").rejects("shift", "EVENING"),
                TenantEndpoint.list("production-schedules"),
                TenantEndpoint.create("production-batches", tenant -> batch()).actingUser("created_by")
                        .requires("planned_quantity").rejects("planned_quantity", -5).rejects("equipment_id", UUID.randomUUID()),
                TenantEndpoint.list("production-batches"),
                TenantEndpoint.create("production-batches/{batch_id}/quality-checks",
                                tenant -> Map.of("check_type", "VISUAL", "result", "PASS"))
                        .with("batch_id", tenant -> tenant.create("production-batches", batch())).actingUser("checked_by"),
                TenantEndpoint.list("production-batches/{batch_id}/quality-checks")
                        .with("batch_id", tenant -> tenant.create("production-batches", batch())));
    }

    @Test
    void memberPlansABatchOnAnOvenAndRecordsItsQualityCheck() {
        String oven = tenant.create("equipment", Map.of("name", "Horno " + UUID.randomUUID(), "equipment_type", "OVEN"));
        ApiClient.Response batch = api.post(path("production-batches"), bakery.member().accessToken(), Map.of(
                "product_name", "Baguette", "planned_quantity", 120, "planned_start", "2026-11-29T04:00:00Z",
                "equipment_id", oven, "assigned_to", bakery.member().userId().toString()));
        assertThat(batch.status()).as(batch.toString()).isEqualTo(201);
        assertThat(batch.json().path("status").asText()).isEqualTo("PLANNED");
        String batchId = batch.json().path("id").asText();

        ApiClient.Response check = api.post(path("production-batches/" + batchId + "/quality-checks"),
                bakery.member().accessToken(), Map.of("check_type", "WEIGHT", "result", "PASS", "score", 9.5));

        assertThat(check.status()).as(check.toString()).isEqualTo(201);
        String viewer = bakery.viewer().accessToken();
        assertThat(api.get(path("production-batches?limit=500"), viewer).json().path("items").findParents("id").stream()
                .filter(found -> found.path("id").asText().equals(batchId)).map(found -> found.path("equipment_id").asText()))
                .containsExactly(oven);
        assertThat(api.get(path("production-batches/" + batchId + "/quality-checks"), viewer).json().path("items")
                .findValuesAsString("id")).containsExactly(check.json().path("id").asText());
    }

    @Test
    void batchIsPlannedIntoAShiftScheduleThatIsUniquePerDayAndShift() {
        String day = "2027-01-15";
        ApiClient.Response schedule = api.post(path("production-schedules"), bakery.admin().accessToken(),
                Map.of("schedule_date", day, "shift", "NIGHT", "notes", "Pedido grande del hotel"));
        assertThat(schedule.status()).as(schedule.toString()).isEqualTo(201);
        assertThat(schedule.json().path("status").asText()).isEqualTo("DRAFT");

        ApiClient.Response batch = api.post(path("production-batches"), bakery.member().accessToken(), Map.of(
                "product_name", "Pan de centeno", "planned_quantity", 40, "planned_start", day + "T02:30:00Z",
                "schedule_id", schedule.json().path("id").asText()));
        ApiClient.Response duplicate = api.post(path("production-schedules"), bakery.admin().accessToken(),
                Map.of("schedule_date", day, "shift", "NIGHT"));

        assertThat(batch.status()).as(batch.toString()).isEqualTo(201);
        assertThat(batch.json().path("schedule_id").asText()).isEqualTo(schedule.json().path("id").asText());
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.isProblem()).isTrue();
    }

    @Test
    void batchMayOnlyBeAssignedToAMember() {
        ApiClient.Response refused = api.post(path("production-batches"), bakery.member().accessToken(), Map.of(
                "product_name", "Croissant", "planned_quantity", 60, "planned_start", "2026-11-29T04:00:00Z",
                "assigned_to", bakery.outsider().userId().toString()));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("detail").asText()).contains("assigned_to");
    }

    private static Map<String, Object> batch() {
        return Map.of("product_name", "Croissant", "planned_quantity", 60, "planned_start", "2026-11-29T04:00:00Z");
    }
}
