package com.bakeryia.inventory;

import com.bakeryia.platform.BakeryService;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the inventory service: imported when the inventory target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("inventory")
public class InventoryServiceConfiguration {
}
