package com.bakeryia.recipes;

import java.util.UUID;

import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantAccessGuard;
import com.bakeryia.platform.web.ApiProblem;
import com.bakeryia.platform.tenancy.ActingUser;
import com.bakeryia.platform.web.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Recipes of a tenant. Members (and services) read; OWNER, ADMIN and MEMBER (and services) write;
 * the tenant service decides membership.
 */
@Tag(name = "Recipes", description = "Recipes of a tenant. Members (and services) read; OWNER, ADMIN and MEMBER (and services) "
        + "write; the tenant service decides membership.")
@RestController
@RequestMapping("/api/v1/tenants/{tenant_id}")
class RecipesController {

    private final Recipes recipes;
    private final TenantAccessGuard guard;

    RecipesController(Recipes recipes, TenantAccessGuard guard) {
        this.recipes = recipes;
        this.guard = guard;
    }

    @Operation(operationId = "addRecipe")
    @PostMapping("/recipes")
    @ResponseStatus(HttpStatus.CREATED)
    RecipeView addRecipe(@PathVariable("tenant_id") UUID tenantId, @Valid @RequestBody NewRecipe recipe,
                         Authentication authentication) {
        CallerPrincipal caller = guard.requireWrite(tenantId, authentication);
        return recipes.add(tenantId, recipe, ActingUser.of(caller, recipe.createdBy(), "created_by"));
    }

    @Operation(operationId = "listRecipes")
    @GetMapping("/recipes")
    PageView<RecipeView> listRecipes(@PathVariable("tenant_id") UUID tenantId,
                                     @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                     @RequestParam(defaultValue = "0") @Min(0) int offset,
                                     Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return new PageView<>(recipes.list(tenantId, limit, offset), limit, offset);
    }

    @Operation(operationId = "getRecipe", summary = "Read a recipe")
    @GetMapping("/recipes/{recipe_id}")
    RecipeView recipe(@PathVariable("tenant_id") UUID tenantId, @PathVariable("recipe_id") UUID recipeId,
                      Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return recipes.find(tenantId, recipeId)
                .orElseThrow(() -> ApiProblem.notFound("Recipe " + recipeId + " does not exist in tenant " + tenantId + "."));
    }
}
