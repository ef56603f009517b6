package com.bakeryia.suppliers;

import com.bakeryia.auth.AuthServiceConfiguration;
import com.bakeryia.tenant.TenantServiceConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The suppliers service with the tenant and auth services it asks, in one process, for tests. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({SuppliersServiceConfiguration.class, TenantServiceConfiguration.class, AuthServiceConfiguration.class})
class SuppliersTestApplication {
}
