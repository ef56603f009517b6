package com.bakeryia.sales;

import com.bakeryia.platform.BakeryService;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the sales service: imported when the sales target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("sales")
public class SalesServiceConfiguration {
}
