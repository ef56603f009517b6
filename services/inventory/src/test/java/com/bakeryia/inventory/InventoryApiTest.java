package com.bakeryia.inventory;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.endpoints.DataServiceEndpointContractTest;
import com.bakeryia.testsupport.endpoints.TenantEndpoint;
import com.bakeryia.testsupport.endpoints.TenantUnderTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/** Ingredients, stock batches and stock movements over real HTTP, with the tenant service deciding access. */
@SpringBootTest(classes = InventoryTestApplication.class, webEnvironment = RANDOM_PORT)
class InventoryApiTest extends DataServiceEndpointContractTest {

    @Override
    protected List<TenantEndpoint> endpoints() {
        return List.of(
                TenantEndpoint.create("ingredients", tenant -> ingredientNamed("Harina " + unique()))
                        .actingUser("created_by").requires("name").rejects("unit", "POUND"),
                TenantEndpoint.list("ingredients"),
                TenantEndpoint.create("stock-batches", tenant -> Map.of("ingredient_id", ingredient(tenant),
                                "batch_code", "L-2026-118", "quantity", 250, "received_on", "2026-11-20", "expires_on", "2027-05-20"))
                        .rejects("expires_on", "2026-11-01"),
                TenantEndpoint.list("stock-batches"),
                TenantEndpoint.create("stock-movements", tenant -> Map.of("ingredient_id", ingredient(tenant),
                                "movement_type", "CONSUMPTION", "quantity", 12.5))
                        .actingUser("recorded_by").rejects("quantity", -2).rejects("ingredient_id", "butter")
                        .rejects("movement_type", "THEFT"),
                TenantEndpoint.list("stock-movements"));
    }

    @Test
    void memberRecordsIngredientsBatchesAndMovementsThatViewersCanList() {
        String flour = ingredient(tenant);
        ApiClient.Response batch = api.post(path("stock-batches"), bakery.member().accessToken(), Map.of(
                "ingredient_id", flour, "batch_code", "L-2026-118", "quantity", 250, "received_on", "2026-11-20",
                "expires_on", "2027-05-20"));
        assertThat(batch.status()).as(batch.toString()).isEqualTo(201);

        ApiClient.Response movement = api.post(path("stock-movements"), bakery.member().accessToken(), Map.of(
                "ingredient_id", flour, "batch_id", batch.json().path("id").asText(), "movement_type", "CONSUMPTION",
                "quantity", 12.5, "note", "Amasado de la manana"));

        assertThat(movement.status()).as(movement.toString()).isEqualTo(201);
        assertThat(movement.json().path("batch_id").asText()).isEqualTo(batch.json().path("id").asText());
        String viewer = bakery.viewer().accessToken();
        assertThat(api.get(path("stock-movements?limit=500"), viewer).json().path("items").findValuesAsString("id"))
                .contains(movement.json().path("id").asText());
    }

    @Test
    void ingredientNamesAreUniqueWithinATenant() {
        String name = "Sal marina " + UUID.randomUUID();
        tenant.create("ingredients", ingredientNamed(name));

        ApiClient.Response duplicate = api.post(path("ingredients"), bakery.member().accessToken(),
                Map.of("name", name, "category", "SPICE", "unit", "KG"));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.isProblem()).isTrue();
    }

    @Test
    void movementOfAnotherTenantsIngredientIsRefused() {
        String foreign = ingredient(otherTenant);

        ApiClient.Response refused = api.post(path("stock-movements"), bakery.member().accessToken(),
                Map.of("ingredient_id", foreign, "movement_type", "WASTE", "quantity", 1));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("detail").asText()).contains("ingredient_id");
    }

    private static String ingredient(TenantUnderTest in) {
        return in.create("ingredients", ingredientNamed("Harina T65 " + unique()));
    }

    private static Map<String, Object> ingredientNamed(String name) {
        return Map.of("name", name, "category", "FLOUR", "unit", "KG", "reorder_level", 50);
    }
}
