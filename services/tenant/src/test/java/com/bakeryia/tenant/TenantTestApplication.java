package com.bakeryia.tenant;

import com.bakeryia.auth.AuthServiceConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The tenant service with the auth service in one process, as in the all-in-one default. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({TenantServiceConfiguration.class, AuthServiceConfiguration.class})
class TenantTestApplication {
}
