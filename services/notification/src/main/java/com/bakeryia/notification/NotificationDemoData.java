package com.bakeryia.notification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.demodata.DemoDataContributor;
import com.bakeryia.platform.demodata.DemoDataSize;
import com.bakeryia.platform.demodata.TableCopy;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The notification share of generated data, about 3% of all rows: the bakery's templates,
 * notifications written from them to its members (2.4%; one in ten is a broadcast to everyone),
 * and members' preferences (up to 0.5%). Templates and preferences the tenant already has are
 * kept, so generating twice for one tenant adds notifications without breaking uniqueness.
 */
@Component
class NotificationDemoData implements DemoDataContributor {

    private static final String[][] TEMPLATES = {
            {"ORDER_READY", "ORDERS", "Order ready for pickup", "Order {{order}} is ready."},
            {"LOW_STOCK", "INVENTORY", "Stock running low", "{{ingredient}} is below its reorder point."},
            {"BATCH_DONE", "PRODUCTION", "Production batch finished", "Batch {{batch}} is done."},
            {"FORECAST_READY", "FORECASTS", "New demand forecast", "Tomorrow's forecast is ready."},
            {"ALERT_RAISED", "ALERTS", "New alert", "{{alert}} needs attention."},
            {"WELCOME", "ACCOUNT", "Welcome to the bakery", "You were added to {{tenant}}."}};
    private static final String[] TEMPLATE_CHANNELS = {"EMAIL", "IN_APP"};
    private static final String[] CHANNELS = {"EMAIL", "SMS", "PUSH", "IN_APP"};
    private static final String[] CATEGORIES = {"ORDERS", "INVENTORY", "PRODUCTION", "FORECASTS", "ALERTS", "ACCOUNT"};

    private final ServiceDatabase db;
    private final Clock clock;

    NotificationDemoData(@Qualifier("notification") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public String service() {
        return "notification";
    }

    @Override
    public Map<String, Long> generate(UUID tenantId, DemoDataSize size, List<UUID> memberIds) {
        var random = new SplittableRandom();
        int templateCount = (int) Math.min(TEMPLATES.length * TEMPLATE_CHANNELS.length,
                Math.max(1, Math.round(size.totalRows() * 0.001)));
        long notifications = Math.max(1, Math.round(size.totalRows() * 0.024));
        long preferences = Math.max(1, Math.round(size.totalRows() * 0.005));
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Map<String, Long> written = new LinkedHashMap<>();

        // Existing templates are reused: (tenant, code, channel) is unique.
        Map<String, UUID> templates = new LinkedHashMap<>();
        db.jdbc().query("select code, channel, id from notification.notification_templates where tenant_id = ?",
                row -> {
                    templates.put(row.getString("code") + "/" + row.getString("channel"), row.getObject("id", UUID.class));
                }, tenantId);
        List<Integer> templateKinds = new ArrayList<>();
        try (TableCopy copy = TableCopy.into(db, "notification_templates",
                "id", "tenant_id", "code", "channel", "subject", "body", "created_by", "created_at")) {
            for (int t = 0; t < templateCount; t++) {
                String[] template = TEMPLATES[t % TEMPLATES.length];
                String channel = TEMPLATE_CHANNELS[t / TEMPLATES.length];
                templateKinds.add(t);
                templates.computeIfAbsent(template[0] + "/" + channel, key -> {
                    UUID id = UUID.randomUUID();
                    copy.row(id, tenantId, template[0], channel, template[2], template[3], member(memberIds, random),
                            now.minusDays(120));
                    return id;
                });
            }
            written.put("notification.notification_templates", copy.rows());
        }

        try (TableCopy copy = TableCopy.into(db, "notifications", "id", "tenant_id", "template_id",
                "recipient_user_id", "channel", "category", "subject", "body", "status", "sent_at", "read_at",
                "created_at")) {
            for (long n = 0; n < notifications; n++) {
                int kind = templateKinds.get((int) (n % templateKinds.size()));
                String[] template = TEMPLATES[kind % TEMPLATES.length];
                String channel = TEMPLATE_CHANNELS[kind / TEMPLATES.length];
                UUID recipient = random.nextInt(10) == 0 ? null : member(memberIds, random);
                OffsetDateTime created = now.minusMinutes((notifications - n) * 37);
                int roll = random.nextInt(100);
                String status = n >= notifications - 3 ? "PENDING" : roll < 60 ? "READ" : roll < 97 ? "SENT" : "FAILED";
                OffsetDateTime sent = status.equals("PENDING") || status.equals("FAILED") ? null : created.plusSeconds(5);
                copy.row(UUID.randomUUID(), tenantId, templates.get(template[0] + "/" + channel), recipient, channel,
                        template[1], template[2], template[3].replace("{{", "").replace("}}", ""), status, sent,
                        status.equals("READ") ? created.plusMinutes(20 + random.nextInt(600)) : null, created);
            }
            written.put("notification.notifications", copy.rows());
        }

        Set<String> existing = new HashSet<>(db.jdbc().queryForList("""
                select user_id || '/' || channel || '/' || category from notification.notification_preferences
                where tenant_id = ?""", String.class, tenantId));
        try (TableCopy copy = TableCopy.into(db, "notification_preferences",
                "id", "tenant_id", "user_id", "channel", "category", "enabled", "created_at")) {
            outer:
            for (UUID member : memberIds) {
                for (String channel : CHANNELS) {
                    for (String category : CATEGORIES) {
                        if (copy.rows() >= preferences) {
                            break outer;
                        }
                        if (existing.add(member + "/" + channel + "/" + category)) {
                            copy.row(UUID.randomUUID(), tenantId, member, channel, category,
                                    !channel.equals("SMS") || random.nextBoolean(), now.minusDays(60));
                        }
                    }
                }
            }
            written.put("notification.notification_preferences", copy.rows());
        }
        return written;
    }

    private static UUID member(List<UUID> memberIds, SplittableRandom random) {
        return memberIds.isEmpty() ? null : memberIds.get(random.nextInt(memberIds.size()));
    }
}
