package com.bakeryia.external;

import com.bakeryia.platform.BakeryService;
import com.bakeryia.platform.deletion.DeletionPlan;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the external service: imported when the external target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("external")
public class ExternalServiceConfiguration {

    /** Both tables are the tenant's; neither names a person. */
    @Bean
    DeletionPlan externalDeletionPlan() {
        return DeletionPlan.forService("external")
                .tenantTables("external_data_cache", "api_key_usage")
                .retained("external_data_cache", "payload", "weather, traffic, holiday and event data fetched from outside"
                        + " providers by the platform; no user writes it, so it names no person")
                .build();
    }
}
