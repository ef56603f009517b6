package com.bakeryia.production;

import com.bakeryia.auth.AuthServiceConfiguration;
import com.bakeryia.tenant.TenantServiceConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The production service with the tenant and auth services it asks, in one process, for tests. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ProductionServiceConfiguration.class, TenantServiceConfiguration.class, AuthServiceConfiguration.class})
class ProductionTestApplication {
}
