package com.bakeryia.notification;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A notification as the API shows it. */
record NotificationView(UUID id, UUID tenantId, UUID recipientUserId, String channel, String category, String subject,
                        String body, String status, OffsetDateTime createdAt) {
}
