package com.bakeryia.recipes;

import com.bakeryia.auth.AuthServiceConfiguration;
import com.bakeryia.tenant.TenantServiceConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The recipes service with the tenant and auth services it asks, in one process, for tests. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({RecipesServiceConfiguration.class, TenantServiceConfiguration.class, AuthServiceConfiguration.class})
class RecipesTestApplication {
}
