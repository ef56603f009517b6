package com.bakeryia.pos;

import com.bakeryia.platform.BakeryService;
import com.bakeryia.platform.deletion.DeletionPlan;
import com.bakeryia.platform.retention.RecordKind;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the pos service: imported when the pos target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("pos")
public class PosServiceConfiguration {

    /** Children before parents; cashiers named in till data that stays are anonymised. */
    @Bean
    DeletionPlan posDeletionPlan() {
        return DeletionPlan.forService("pos")
                .tenantTables("pos_transaction_items", "pos_transactions", "pos_sessions", "pos_configurations")
                .anonymiseUser("pos_configurations", "created_by")
                .anonymiseUser("pos_sessions", "opened_by")
                .anonymiseUser("pos_sessions", "closed_by")
                .anonymiseUser("pos_transactions", "created_by")
                .retained("pos_transaction_items", "product_id", "a product of the bakery's catalogue, not a person")
                .keptByLaw(RecordKind.POS_TRANSACTIONS, RecordKind.POS_TRANSACTION_ITEMS)
                .build();
    }
}
