package com.bakeryia.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Notifications to a tenant's members, in {@code notification.notifications}. */
@Component
class Notifications {

    private static final int[] TYPES = {Types.OTHER, Types.OTHER, Types.OTHER, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE};

    private final ServiceDatabase db;
    private final Clock clock;

    Notifications(@Qualifier("notification") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** One PENDING notification per distinct recipient, all in one transaction. */
    List<NotificationView> send(UUID tenantId, NewNotification notification) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<NotificationView> views = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (UUID recipient : new LinkedHashSet<>(notification.recipientUserIds())) {
            UUID id = UUID.randomUUID();
            views.add(new NotificationView(id, tenantId, recipient, notification.channel(), notification.category(),
                    notification.subject(), notification.body(), "PENDING", now));
            rows.add(new Object[] {id, tenantId, recipient, notification.channel(), notification.category(),
                    notification.subject(), notification.body(), now});
        }
        db.transactions().executeWithoutResult(status -> db.jdbc().batchUpdate("""
                insert into notification.notifications
                    (id, tenant_id, recipient_user_id, channel, category, subject, body, status, created_at)
                values (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)""", rows, TYPES));
        return views;
    }

    /** Newest first, ties broken by id; optionally only those addressed to one user (or broadcast). */
    List<NotificationView> list(UUID tenantId, UUID recipient, int limit, int offset) {
        return db.jdbc().query("""
                select id, tenant_id, recipient_user_id, channel, category, subject, body, status, created_at
                from notification.notifications
                where tenant_id = ? and (?::uuid is null or recipient_user_id = ? or recipient_user_id is null)
                order by created_at desc, id limit ? offset ?""",
                Notifications::view, tenantId, recipient, recipient, limit, offset);
    }

    private static NotificationView view(ResultSet row, int index) throws SQLException {
        return new NotificationView(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class),
                row.getObject("recipient_user_id", UUID.class), row.getString("channel"), row.getString("category"),
                row.getString("subject"), row.getString("body"), row.getString("status"),
                row.getObject("created_at", OffsetDateTime.class));
    }
}
