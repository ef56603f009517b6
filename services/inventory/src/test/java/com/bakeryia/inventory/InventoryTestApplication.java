package com.bakeryia.inventory;

import com.bakeryia.auth.AuthServiceConfiguration;
import com.bakeryia.tenant.TenantServiceConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The inventory service with the tenant and auth services it asks, in one process, for tests. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({InventoryServiceConfiguration.class, TenantServiceConfiguration.class, AuthServiceConfiguration.class})
class InventoryTestApplication {
}
