package com.bakeryia.notification;

import com.bakeryia.platform.BakeryService;
import com.bakeryia.platform.deletion.DeletionPlan;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of the notification service: imported when the notification target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("notification")
public class NotificationServiceConfiguration {

    /**
     * Notifications before the templates they reference. A user's erasure deletes the
     * notifications addressed to them and their preferences (both are theirs alone); templates they
     * wrote stay with the tenant, anonymised.
     */
    @Bean
    DeletionPlan notificationDeletionPlan() {
        return DeletionPlan.forService("notification")
                .tenantTables("notifications", "notification_preferences", "notification_templates")
                .deleteRowsOfUser("notifications", "recipient_user_id")
                .deleteRowsOfUser("notification_preferences", "user_id")
                .anonymiseUser("notification_templates", "created_by")
                .build();
    }
}
