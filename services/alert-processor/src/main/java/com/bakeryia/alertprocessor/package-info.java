/** The alert-processor service: owns alert_processor, holding alerts, alert rules and alert history. */
package com.bakeryia.alertprocessor;
