package com.bakeryia.recipes;

import java.util.List;
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

/** Recipes with ingredient lines and instructions over real HTTP, with the tenant service deciding access. */
@SpringBootTest(classes = RecipesTestApplication.class, webEnvironment = RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecipesApiTest {

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
    void recipeWithIngredientsAndInstructionsIsCreatedInOneRequest() {
        UUID flour = UUID.randomUUID();
        UUID yeast = UUID.randomUUID();

        ApiClient.Response created = api.post(base + "/recipes", bakery.member().accessToken(),
                recipe("Baguette " + UUID.randomUUID(), List.of(line(flour, 1000, "G"), line(yeast, 20, "G")),
                        List.of("Amasar", "Fermentar 90 minutos", "Hornear a 240 grados")));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("created_by").asText()).isEqualTo(bakery.member().userId().toString());
        String id = created.json().path("id").asText();
        ApiClient.Response fetched = api.get(base + "/recipes/" + id, bakery.viewer().accessToken());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json().path("ingredients").findValuesAsString("ingredient_id"))
                .containsExactly(flour.toString(), yeast.toString());
        assertThat(fetched.json().path("instructions").findValuesAsString("instruction"))
                .containsExactly("Amasar", "Fermentar 90 minutos", "Hornear a 240 grados");
        assertThat(fetched.json().path("instructions").findValues("step_number")).extracting(node -> node.asInt())
                .containsExactly(1, 2, 3);
        assertThat(api.get(base + "/recipes?limit=500", bakery.viewer().accessToken()).json().path("items")
                .findValuesAsString("id")).contains(id);
    }

    @Test
    void recipeWithABadLineWritesNothing() {
        String name = "Croissant " + UUID.randomUUID();

        ApiClient.Response refused = api.post(base + "/recipes", bakery.member().accessToken(),
                recipe(name, List.of(line(UUID.randomUUID(), 500, "G"), line(UUID.randomUUID(), -3, "G")), List.of("Laminar")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("quantity");
        assertThat(names()).doesNotContain(name);
    }

    @Test
    void recipeListingTheSameIngredientTwiceWritesNothing() {
        String name = "Pan doble " + UUID.randomUUID();
        UUID flour = UUID.randomUUID();

        ApiClient.Response refused = api.post(base + "/recipes", bakery.member().accessToken(),
                recipe(name, List.of(line(flour, 500, "G"), line(flour, 300, "G")), List.of()));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("detail").asText()).contains(flour.toString());
        assertThat(names()).doesNotContain(name);
    }

    @Test
    void recipeNamesAreUniqueWithinATenant() {
        String name = "Ensaimada " + UUID.randomUUID();
        assertThat(api.post(base + "/recipes", bakery.admin().accessToken(),
                recipe(name, List.of(line(UUID.randomUUID(), 1, "KG")), List.of())).status()).isEqualTo(201);

        ApiClient.Response duplicate = api.post(base + "/recipes", bakery.admin().accessToken(),
                recipe(name, List.of(line(UUID.randomUUID(), 1, "KG")), List.of()));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.isProblem()).isTrue();
    }

    @Test
    void viewerMayListButNotCreate() {
        assertThat(api.get(base + "/recipes", bakery.viewer().accessToken()).status()).isEqualTo(200);

        ApiClient.Response refused = api.post(base + "/recipes", bakery.viewer().accessToken(),
                recipe("Nope", List.of(line(UUID.randomUUID(), 1, "KG")), List.of()));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
    }

    @Test
    void nonMemberMayNeitherReadNorWrite() {
        String outsider = bakery.outsider().accessToken();

        assertThat(api.get(base + "/recipes", outsider).status()).isEqualTo(403);
        assertThat(api.post(base + "/recipes", outsider, recipe("X", List.of(line(UUID.randomUUID(), 1, "KG")), List.of()))
                .status()).isEqualTo(403);
    }

    @Test
    void anonymousCallerIsUnauthorized() {
        assertThat(api.get(base + "/recipes", null).status()).isEqualTo(401);
        assertThat(api.post(base + "/recipes", null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void unknownRecipeIsNotFound() {
        ApiClient.Response missing = api.get(base + "/recipes/" + UUID.randomUUID(), bakery.member().accessToken());

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.isProblem()).isTrue();
    }

    @Test
    void badInputIsABadRequestProblem() {
        String token = bakery.member().accessToken();

        assertBadRequest(api.get("/api/v1/tenants/nope/recipes", token), "tenant_id");
        assertBadRequest(api.get(base + "/recipes/nope", token), "recipe_id");
        assertBadRequest(api.post(base + "/recipes", token, Map.of("name", "X", "category", "BREAD", "yield_unit", "UNIT",
                "ingredients", List.of(line(UUID.randomUUID(), 1, "KG")))), "yield_quantity");
        Map<String, Object> withUnknown = new java.util.HashMap<>(recipe("X", List.of(line(UUID.randomUUID(), 1, "KG")), List.of()));
        withUnknown.put("secret", "family");
        assertBadRequest(api.post(base + "/recipes", token, withUnknown), "secret");
        assertBadRequest(api.post(base + "/recipes", token, recipe("X", List.of(), List.of())), "ingredients");
        assertBadRequest(api.post(base + "/recipes", token,
                recipe("X", List.of(Map.of("ingredient_id", "flour", "quantity", 1, "unit", "KG")), List.of())), "ingredient_id");
        assertBadRequest(api.sendRaw(HttpMethod.POST, base + "/recipes", token, "[1, 2"), "JSON");
    }

    private List<String> names() {
        return api.get(base + "/recipes?limit=500", bakery.owner().accessToken()).json().path("items").findValuesAsString("name");
    }

    private static Map<String, Object> recipe(String name, List<Map<String, Object>> lines, List<String> steps) {
        return Map.of("name", name, "category", "BREAD", "yield_quantity", 20, "yield_unit", "UNIT", "prep_minutes", 30,
                "bake_minutes", 25, "ingredients", lines, "instructions", steps);
    }

    private static Map<String, Object> line(UUID ingredient, int quantity, String unit) {
        return Map.of("ingredient_id", ingredient.toString(), "quantity", quantity, "unit", unit);
    }

    private static void assertBadRequest(ApiClient.Response response, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.text()).as(response.toString()).contains(mentioned);
    }
}
