package com.bakeryia.alertprocessor;

import com.bakeryia.platform.BakeryService;
import com.bakeryia.platform.deletion.DeletionPlan;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the alert-processor service: imported when the alert-processor target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("alert-processor")
public class AlertProcessorServiceConfiguration {

    /** History before alerts before rules; people who handled alerts are anonymised, the record stays. */
    @Bean
    DeletionPlan alertProcessorDeletionPlan() {
        return DeletionPlan.forService("alert-processor")
                .tenantTables("alert_history", "alerts", "alert_rules")
                .anonymiseUser("alert_rules", "created_by")
                .anonymiseUser("alerts", "acknowledged_by")
                .anonymiseUser("alerts", "resolved_by")
                .anonymiseUser("alert_history", "changed_by")
                .build();
    }
}
