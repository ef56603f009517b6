package com.bakeryia.recipes;

import com.bakeryia.platform.BakeryService;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the recipes service: imported when the recipes target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("recipes")
public class RecipesServiceConfiguration {
}
