package com.bakeryia.forecasting;

import com.bakeryia.platform.BakeryService;
import com.bakeryia.platform.deletion.DeletionPlan;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the forecasting service: imported when the forecasting target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("forecasting")
public class ForecastingServiceConfiguration {

    /** Forecasts before their batches; who requested a batch is anonymised, the batch stays. */
    @Bean
    DeletionPlan forecastingDeletionPlan() {
        return DeletionPlan.forService("forecasting")
                .tenantTables("forecasts", "model_performance_metrics", "prediction_batches")
                .anonymiseUser("prediction_batches", "requested_by")
                .retained("forecasts", "product_id", "a product of the bakery's catalogue, not a person")
                .retained("model_performance_metrics", "product_id", "a product of the bakery's catalogue, not a person")
                .build();
    }
}
