package com.bakeryia.training;

import com.bakeryia.platform.BakeryService;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the training service: imported when the training target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("training")
public class TrainingServiceConfiguration {
}
