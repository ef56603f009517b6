package com.bakeryia.inventory;

import com.bakeryia.platform.BakeryService;
import com.bakeryia.platform.deletion.DeletionPlan;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the inventory service: imported when the inventory target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("inventory")
public class InventoryServiceConfiguration {

    /** Children before parents; people columns stay with the tenant's data and are anonymised. */
    @Bean
    DeletionPlan inventoryDeletionPlan() {
        return DeletionPlan.forService("inventory")
                .tenantTables("stock_movements", "stock_batches", "ingredients")
                .anonymiseUser("ingredients", "created_by")
                .anonymiseUser("stock_movements", "recorded_by")
                .retained("stock_batches", "supplier_id", "a supplier (a business in the suppliers service), not a person")
                .build();
    }
}
