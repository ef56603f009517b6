package com.bakeryia.forecasting;

import com.bakeryia.platform.BakeryService;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the forecasting service: imported when the forecasting target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("forecasting")
public class ForecastingServiceConfiguration {
}
