package com.bakeryia.recipes;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.endpoints.DataServiceEndpointContractTest;
import com.bakeryia.testsupport.endpoints.TenantEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/** Recipes with ingredient lines and instructions over real HTTP, with the tenant service deciding access. */
@SpringBootTest(classes = RecipesTestApplication.class, webEnvironment = RANDOM_PORT)
class RecipesApiTest extends DataServiceEndpointContractTest {

    @Override
    protected List<TenantEndpoint> endpoints() {
        return List.of(
                TenantEndpoint.create("recipes", tenant -> baguette()).actingUser("created_by")
                        .requires("yield_quantity").rejects("ingredients", List.of())
                        .rejects("ingredient_id", "a line naming no ingredient id", tenant -> recipe("X",
                                List.of(Map.of("ingredient_id", "flour", "quantity", 1, "unit", "KG")), List.of())),
                TenantEndpoint.list("recipes"),
                TenantEndpoint.read("recipes/{recipe_id}").with("recipe_id", tenant -> tenant.create("recipes", baguette())));
    }

    @Test
    void recipeWithIngredientsAndInstructionsIsCreatedInOneRequest() {
        UUID flour = UUID.randomUUID();
        UUID yeast = UUID.randomUUID();

        ApiClient.Response created = api.post(path("recipes"), bakery.member().accessToken(),
                recipe("Baguette " + UUID.randomUUID(), List.of(line(flour, 1000, "G"), line(yeast, 20, "G")),
                        List.of("Amasar", "Fermentar 90 minutos", "Hornear a 240 grados")));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asText();
        ApiClient.Response fetched = api.get(path("recipes/" + id), bakery.viewer().accessToken());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json().path("ingredients").findValuesAsString("ingredient_id"))
                .containsExactly(flour.toString(), yeast.toString());
        assertThat(fetched.json().path("instructions").findValuesAsString("instruction"))
                .containsExactly("Amasar", "Fermentar 90 minutos", "Hornear a 240 grados");
        assertThat(fetched.json().path("instructions").findValues("step_number")).extracting(node -> node.asInt())
                .containsExactly(1, 2, 3);
        assertThat(api.get(path("recipes?limit=500"), bakery.viewer().accessToken()).json().path("items")
                .findValuesAsString("id")).contains(id);
    }

    @Test
    void recipeWithABadLineWritesNothing() {
        String name = "Croissant " + UUID.randomUUID();

        ApiClient.Response refused = api.post(path("recipes"), bakery.member().accessToken(),
                recipe(name, List.of(line(UUID.randomUUID(), 500, "G"), line(UUID.randomUUID(), -3, "G")), List.of("Laminar")));

        assertProblem(refused, 400, "quantity");
        assertThat(names()).doesNotContain(name);
    }

    @Test
    void recipeListingTheSameIngredientTwiceWritesNothing() {
        String name = "Pan doble " + UUID.randomUUID();
        UUID flour = UUID.randomUUID();

        ApiClient.Response refused = api.post(path("recipes"), bakery.member().accessToken(),
                recipe(name, List.of(line(flour, 500, "G"), line(flour, 300, "G")), List.of()));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("detail").asText()).contains(flour.toString());
        assertThat(names()).doesNotContain(name);
    }

    @Test
    void recipeNamesAreUniqueWithinATenant() {
        String name = "Ensaimada " + UUID.randomUUID();
        assertThat(api.post(path("recipes"), bakery.admin().accessToken(),
                recipe(name, List.of(line(UUID.randomUUID(), 1, "KG")), List.of())).status()).isEqualTo(201);

        ApiClient.Response duplicate = api.post(path("recipes"), bakery.admin().accessToken(),
                recipe(name, List.of(line(UUID.randomUUID(), 1, "KG")), List.of()));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.isProblem()).isTrue();
    }

    private List<String> names() {
        return api.get(path("recipes?limit=500"), bakery.owner().accessToken()).json().path("items").findValuesAsString("name");
    }

    private static Map<String, Object> baguette() {
        return recipe("Baguette " + unique(), List.of(line(UUID.randomUUID(), 1000, "G")), List.of("Amasar", "Hornear"));
    }

    private static Map<String, Object> recipe(String name, List<Map<String, Object>> lines, List<String> steps) {
        return Map.of("name", name, "category", "BREAD", "yield_quantity", 20, "yield_unit", "UNIT", "prep_minutes", 30,
                "bake_minutes", 25, "ingredients", lines, "instructions", steps);
    }

    private static Map<String, Object> line(UUID ingredient, int quantity, String unit) {
        return Map.of("ingredient_id", ingredient.toString(), "quantity", quantity, "unit", unit);
    }
}
