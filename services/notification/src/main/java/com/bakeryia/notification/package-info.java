/** The notification service: owns notification, holding notifications, templates and per-user notification preferences. */
package com.bakeryia.notification;
