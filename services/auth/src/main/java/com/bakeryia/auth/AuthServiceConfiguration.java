package com.bakeryia.auth;

import com.bakeryia.platform.BakeryService;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the auth service: imported when the auth target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("auth")
public class AuthServiceConfiguration {
}
