package com.bakeryia.orders;

import com.bakeryia.platform.BakeryService;
import com.bakeryia.platform.deletion.DeletionPlan;
import com.bakeryia.platform.retention.RecordKind;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the orders service: imported when the orders target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("orders")
public class OrdersServiceConfiguration {

    /**
     * Children before parents; people columns stay with the tenant's data and are anonymised. A
     * customer's e-mail address is the bakery's record of its customer, not a platform user's: it
     * goes with the tenant's rows, and a user's erasure (by user id) does not reach it.
     */
    @Bean
    DeletionPlan ordersDeletionPlan() {
        return DeletionPlan.forService("orders")
                .tenantTables("order_status_history", "order_items", "customer_orders", "customers")
                .retained("customers", "email", "a bakery customer's address, not a platform user's; deleted with the tenant")
                .anonymiseUser("customers", "created_by")
                .anonymiseUser("customer_orders", "created_by")
                .anonymiseUser("order_status_history", "changed_by")
                .retained("order_items", "product_id", "a product of the bakery's catalogue, not a person")
                .keptByLaw(RecordKind.CUSTOMER_ORDERS, RecordKind.CUSTOMER_ORDER_ITEMS)
                .build();
    }
}
