package com.bakeryia.recipes;

import com.bakeryia.platform.BakeryService;
import com.bakeryia.platform.deletion.DeletionPlan;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the recipes service: imported when the recipes target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("recipes")
public class RecipesServiceConfiguration {

    /** Children before parents; the author column stays with the tenant's recipe and is anonymised. */
    @Bean
    DeletionPlan recipesDeletionPlan() {
        return DeletionPlan.forService("recipes")
                .tenantTables("recipe_instructions", "recipe_ingredients", "recipes")
                .anonymiseUser("recipes", "created_by")
                .retained("recipe_ingredients", "ingredient_id", "an ingredient (in the inventory service), not a person")
                .build();
    }
}
