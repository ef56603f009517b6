package com.bakeryia.suppliers;

import com.bakeryia.platform.BakeryService;
import com.bakeryia.platform.deletion.DeletionPlan;
import com.bakeryia.platform.retention.RecordKind;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the suppliers service: imported when the suppliers target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("suppliers")
public class SuppliersServiceConfiguration {

    /**
     * Children before parents; people columns stay with the tenant's data and are anonymised. A
     * supplier's contact address is the bakery's record of a business contact, not a platform
     * user's: it goes with the tenant's rows, and a user's erasure (by user id) does not reach it.
     */
    @Bean
    DeletionPlan suppliersDeletionPlan() {
        return DeletionPlan.forService("suppliers")
                .tenantTables("deliveries", "purchase_order_items", "purchase_orders", "price_lists", "suppliers")
                .retained("suppliers", "contact_email", "a supplier's business contact, not a platform user's; deleted with the tenant")
                .anonymiseUser("suppliers", "created_by")
                .anonymiseUser("purchase_orders", "created_by")
                .anonymiseUser("purchase_orders", "approved_by")
                .anonymiseUser("deliveries", "received_by")
                .retained("price_lists", "ingredient_id", "an ingredient (in the inventory service), not a person")
                .retained("purchase_order_items", "ingredient_id", "an ingredient (in the inventory service), not a person")
                .keptByLaw(RecordKind.PURCHASE_ORDERS, RecordKind.PURCHASE_ORDER_ITEMS, RecordKind.DELIVERIES)
                .build();
    }
}
