package com.bakeryia.alertprocessor;

import com.bakeryia.platform.BakeryService;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the alert-processor service: imported when the alert-processor target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("alert-processor")
public class AlertProcessorServiceConfiguration {
}
