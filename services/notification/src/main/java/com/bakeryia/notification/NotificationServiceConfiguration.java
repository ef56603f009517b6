package com.bakeryia.notification;

import com.bakeryia.platform.BakeryService;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the notification service: imported when the notification target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("notification")
public class NotificationServiceConfiguration {
}
