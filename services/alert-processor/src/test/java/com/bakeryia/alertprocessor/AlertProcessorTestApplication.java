package com.bakeryia.alertprocessor;

import com.bakeryia.auth.AuthServiceConfiguration;
import com.bakeryia.tenant.TenantServiceConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The alert-processor service with the tenant and auth services it asks, as one test application. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({AlertProcessorServiceConfiguration.class, TenantServiceConfiguration.class, AuthServiceConfiguration.class})
class AlertProcessorTestApplication {
}
