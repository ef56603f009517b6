package com.bakeryia.pos;

import com.bakeryia.platform.BakeryService;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the pos service: imported when the pos target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("pos")
public class PosServiceConfiguration {
}
