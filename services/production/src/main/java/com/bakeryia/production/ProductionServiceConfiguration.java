package com.bakeryia.production;

import com.bakeryia.platform.BakeryService;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the production service: imported when the production target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("production")
public class ProductionServiceConfiguration {
}
