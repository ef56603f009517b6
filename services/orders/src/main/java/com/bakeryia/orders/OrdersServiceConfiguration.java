package com.bakeryia.orders;

import com.bakeryia.platform.BakeryService;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the orders service: imported when the orders target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("orders")
public class OrdersServiceConfiguration {
}
