package com.bakeryia.notification;

import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.tenancy.TenantAccessGuard;
import com.bakeryia.platform.tenancy.TenantDirectory;
import com.bakeryia.platform.web.ApiProblem;
import com.bakeryia.platform.web.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's notifications. Members (and services) read; OWNER, ADMIN and MEMBER (and services)
 * send; every recipient must be a current member of the tenant.
 */
@Tag(name = "Notifications", description = "A tenant's notifications. Members (and services) read; OWNER, ADMIN and MEMBER (and "
        + "services) send; every recipient must be a current member of the tenant.")
@RestController
@RequestMapping("/api/v1/tenants/{tenant_id}")
class NotificationsController {

    private final Notifications notifications;
    private final TenantAccessGuard guard;
    private final TenantDirectory directory;

    NotificationsController(Notifications notifications, TenantAccessGuard guard, TenantDirectory directory) {
        this.notifications = notifications;
        this.guard = guard;
        this.directory = directory;
    }

    @Operation(operationId = "sendNotification", summary = "Send a notification")
    @PostMapping("/notifications")
    @ResponseStatus(HttpStatus.CREATED)
    List<NotificationView> send(@PathVariable("tenant_id") UUID tenantId, @Valid @RequestBody NewNotification notification,
                                Authentication authentication) {
        guard.requireWrite(tenantId, authentication);
        List<UUID> members = directory.memberIds(tenantId);
        for (UUID recipient : notification.recipientUserIds()) {
            if (!members.contains(recipient)) {
                throw ApiProblem.badRequest("Field 'recipient_user_ids': " + recipient + " is not a member of tenant "
                        + tenantId + "; nothing was sent.");
            }
        }
        return notifications.send(tenantId, notification);
    }

    @Operation(operationId = "listNotifications", summary = "List notifications")
    @GetMapping("/notifications")
    PageView<NotificationView> list(@PathVariable("tenant_id") UUID tenantId,
                                    @RequestParam(name = "recipient_user_id", required = false) UUID recipient,
                                    @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                    @RequestParam(defaultValue = "0") @Min(0) int offset,
                                    Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return new PageView<>(notifications.list(tenantId, recipient, limit, offset), limit, offset);
    }
}
