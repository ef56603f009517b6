package com.bakeryia.notification;

import com.bakeryia.auth.AuthServiceConfiguration;
import com.bakeryia.tenant.TenantServiceConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The notification service with the tenant and auth services it asks, as one test application. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({NotificationServiceConfiguration.class, TenantServiceConfiguration.class, AuthServiceConfiguration.class})
class NotificationTestApplication {
}
