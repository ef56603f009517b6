package com.bakeryia.suppliers;

import com.bakeryia.platform.BakeryService;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the suppliers service: imported when the suppliers target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("suppliers")
public class SuppliersServiceConfiguration {
}
