package com.bakeryia.external;

import com.bakeryia.platform.BakeryService;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the external service: imported when the external target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("external")
public class ExternalServiceConfiguration {
}
