package com.bakeryia.tenant;

import com.bakeryia.platform.BakeryService;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the tenant service: imported when the tenant target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("tenant")
public class TenantServiceConfiguration {
}
