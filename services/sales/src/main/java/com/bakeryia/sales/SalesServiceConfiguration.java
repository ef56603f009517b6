package com.bakeryia.sales;

import com.bakeryia.platform.BakeryService;
import com.bakeryia.platform.deletion.DeletionPlan;
import com.bakeryia.platform.retention.RecordKind;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the sales service: imported when the sales target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("sales")
public class SalesServiceConfiguration {

    /** Sales figures belong to the tenant; who recorded them is anonymised when that user leaves. */
    @Bean
    DeletionPlan salesDeletionPlan() {
        return DeletionPlan.forService("sales")
                .tenantTables("sales_records")
                .anonymiseUser("sales_records", "recorded_by")
                .retained("sales_records", "product_id", "a product of the bakery's catalogue, not a person")
                .keptByLaw(RecordKind.SALES_RECORDS)
                .build();
    }
}
