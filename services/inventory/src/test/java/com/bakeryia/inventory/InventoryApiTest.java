package com.bakeryia.inventory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/** Ingredients, stock batches and stock movements over real HTTP, with the tenant service deciding access. */
@SpringBootTest(classes = InventoryTestApplication.class, webEnvironment = RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventoryApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

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
    void memberRecordsIngredientsBatchesAndMovementsThatViewersCanList() {
        String flour = ingredient("Harina T65 " + UUID.randomUUID());
        ApiClient.Response batch = api.post(base + "/stock-batches", bakery.member().accessToken(), Map.of(
                "ingredient_id", flour, "batch_code", "L-2026-118", "quantity", 250, "received_on", "2026-11-20",
                "expires_on", "2027-05-20"));
        assertThat(batch.status()).as(batch.toString()).isEqualTo(201);

        ApiClient.Response movement = api.post(base + "/stock-movements", bakery.member().accessToken(), Map.of(
                "ingredient_id", flour, "batch_id", batch.json().path("id").asText(), "movement_type", "CONSUMPTION",
                "quantity", 12.5, "note", "Amasado de la manana"));

        assertThat(movement.status()).as(movement.toString()).isEqualTo(201);
        assertThat(movement.json().path("recorded_by").asText()).isEqualTo(bakery.member().userId().toString());
        String viewer = bakery.viewer().accessToken();
        assertThat(ids(api.get(base + "/ingredients?limit=500", viewer))).contains(flour);
        assertThat(ids(api.get(base + "/stock-batches?limit=500", viewer))).contains(batch.json().path("id").asText());
        assertThat(ids(api.get(base + "/stock-movements?limit=500", viewer))).contains(movement.json().path("id").asText());
    }

    @Test
    void ingredientNamesAreUniqueWithinATenant() {
        String name = "Sal marina " + UUID.randomUUID();
        ingredient(name);

        ApiClient.Response duplicate = api.post(base + "/ingredients", bakery.member().accessToken(),
                Map.of("name", name, "category", "SPICE", "unit", "KG"));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.isProblem()).isTrue();
    }

    @Test
    void movementOfAnotherTenantsIngredientIsRefused() {
        TenantFixture other = TenantFixture.create(api);
        String foreign = api.post("/api/v1/tenants/" + other.tenantId() + "/ingredients", other.owner().accessToken(),
                Map.of("name", "Foreign flour", "category", "FLOUR", "unit", "KG")).json().path("id").asText();

        ApiClient.Response refused = api.post(base + "/stock-movements", bakery.member().accessToken(),
                Map.of("ingredient_id", foreign, "movement_type", "WASTE", "quantity", 1));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("detail").asText()).contains("ingredient_id");
    }

    @Test
    void viewerMayListButNotCreate() {
        assertThat(api.get(base + "/ingredients", bakery.viewer().accessToken()).status()).isEqualTo(200);

        ApiClient.Response refused = api.post(base + "/ingredients", bakery.viewer().accessToken(),
                Map.of("name", "Nope", "category", "OTHER", "unit", "KG"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
    }

    @Test
    void nonMemberMayNeitherReadNorWrite() {
        String outsider = bakery.outsider().accessToken();

        assertThat(api.get(base + "/ingredients", outsider).status()).isEqualTo(403);
        assertThat(api.get(base + "/stock-movements", outsider).status()).isEqualTo(403);
        assertThat(api.post(base + "/ingredients", outsider, Map.of("name", "X", "category", "OTHER", "unit", "KG"))
                .status()).isEqualTo(403);
    }

    @Test
    void anonymousCallerIsUnauthorized() {
        assertThat(api.get(base + "/ingredients", null).status()).isEqualTo(401);
        assertThat(api.post(base + "/stock-movements", null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void serviceMayWriteAndNameTheRecordingUser() {
        String sugar = ingredient("Azucar " + UUID.randomUUID());

        ApiClient.Response recorded = api.post(base + "/stock-movements", tokens.issueServiceToken("pos").value(),
                Map.of("ingredient_id", sugar, "movement_type", "RECEIPT", "quantity", 25,
                        "recorded_by", bakery.admin().userId().toString()));

        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        assertThat(recorded.json().path("recorded_by").asText()).isEqualTo(bakery.admin().userId().toString());
    }

    @Test
    void badInputIsABadRequestProblem() {
        String token = bakery.member().accessToken();
        String butter = ingredient("Mantequilla " + UUID.randomUUID());

        assertBadRequest(api.get("/api/v1/tenants/42/ingredients", token), "tenant_id");
        assertBadRequest(api.post(base + "/ingredients", token, Map.of("category", "FAT", "unit", "KG")), "name");
        assertBadRequest(api.post(base + "/ingredients", token, Map.of("name", "X", "category", "FAT", "unit", "KG",
                "colour", "yellow")), "colour");
        assertBadRequest(api.post(base + "/ingredients", token, Map.of("name", "X", "category", "FAT", "unit", "POUND")), "unit");
        assertBadRequest(api.post(base + "/stock-movements", token, Map.of("ingredient_id", butter,
                "movement_type", "WASTE", "quantity", -2)), "quantity");
        assertBadRequest(api.post(base + "/stock-movements", token, Map.of("ingredient_id", "butter",
                "movement_type", "WASTE", "quantity", 2)), "ingredient_id");
        assertBadRequest(api.post(base + "/stock-movements", token, Map.of("ingredient_id", butter,
                "movement_type", "THEFT", "quantity", 2)), "movement_type");
        Map<String, Object> batch = new HashMap<>(Map.of("ingredient_id", butter, "batch_code", "B1", "quantity", 5,
                "received_on", "2026-11-20", "expires_on", "2026-11-01"));
        assertBadRequest(api.post(base + "/stock-batches", token, batch), "expires_on");
        assertBadRequest(api.sendRaw(HttpMethod.POST, base + "/ingredients", token, "{\"name\": "), "JSON");
        assertBadRequest(api.get(base + "/stock-movements?limit=0", token), "limit");
    }

    private String ingredient(String name) {
        ApiClient.Response created = api.post(base + "/ingredients", bakery.member().accessToken(),
                Map.of("name", name, "category", "FLOUR", "unit", "KG", "reorder_level", 50));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private static List<String> ids(ApiClient.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.json().path("items").findValuesAsString("id");
    }

    private static void assertBadRequest(ApiClient.Response response, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.text()).as(response.toString()).contains(mentioned);
    }
}
