package com.bakeryia.production;

import com.bakeryia.platform.BakeryService;
import com.bakeryia.platform.deletion.DeletionPlan;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the production service: imported when the production target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("production")
public class ProductionServiceConfiguration {

    /** Children before parents; people columns stay with the tenant's data and are anonymised. */
    @Bean
    DeletionPlan productionDeletionPlan() {
        return DeletionPlan.forService("production")
                .tenantTables("quality_checks", "production_batches", "production_schedules", "equipment")
                .anonymiseUser("production_schedules", "created_by")
                .anonymiseUser("production_batches", "assigned_to")
                .anonymiseUser("production_batches", "created_by")
                .anonymiseUser("quality_checks", "checked_by")
                .retained("production_batches", "recipe_id", "a recipe (in the recipes service), not a person")
                .build();
    }
}
