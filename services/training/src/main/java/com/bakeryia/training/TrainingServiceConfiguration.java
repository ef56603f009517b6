package com.bakeryia.training;

import com.bakeryia.platform.BakeryService;
import com.bakeryia.platform.deletion.DeletionPlan;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the training service: imported when the training target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("training")
public class TrainingServiceConfiguration {

    /** Logs and models before their jobs; who requested a job is anonymised, the job stays. */
    @Bean
    DeletionPlan trainingDeletionPlan() {
        return DeletionPlan.forService("training")
                .tenantTables("training_logs", "trained_models", "training_jobs")
                .anonymiseUser("training_jobs", "requested_by")
                .retained("trained_models", "product_id", "a product of the bakery's catalogue, not a person")
                .retained("training_jobs", "product_id", "a product of the bakery's catalogue, not a person")
                .build();
    }
}
