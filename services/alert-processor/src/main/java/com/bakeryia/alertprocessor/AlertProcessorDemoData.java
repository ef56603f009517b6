package com.bakeryia.alertprocessor;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.demodata.DemoDataContributor;
import com.bakeryia.platform.demodata.DemoDataSize;
import com.bakeryia.platform.demodata.TableCopy;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The alert-processor share of generated data, about 2% of all rows: rules (0.2%), the alerts they
 * raised (0.6%), most of them acknowledged and resolved by members, and each alert's status changes (1.2%).
 */
@Component
class AlertProcessorDemoData implements DemoDataContributor {

    private static final String[][] RULES = {
            {"Flour running low", "inventory.stock_level", "LT", "25", "WARNING"},
            {"Oven temperature high", "production.oven_temperature_c", "GT", "260", "CRITICAL"},
            {"Forecast error high", "forecasting.mape", "GT", "30", "INFO"},
            {"Late deliveries", "suppliers.late_deliveries", "GTE", "3", "WARNING"},
            {"Till offline", "pos.minutes_offline", "GT", "15", "CRITICAL"}};

    private final ServiceDatabase db;
    private final Clock clock;

    AlertProcessorDemoData(@Qualifier("alert-processor") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public String service() {
        return "alert-processor";
    }

    @Override
    public Map<String, Long> generate(UUID tenantId, DemoDataSize size, List<UUID> memberIds) {
        var random = new SplittableRandom();
        int rules = (int) Math.max(1, Math.round(size.totalRows() * 0.002));
        int alerts = (int) Math.max(1, Math.round(size.totalRows() * 0.006));
        long history = Math.max(1, Math.round(size.totalRows() * 0.012));
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Map<String, Long> written = new LinkedHashMap<>();

        UUID[] ruleIds = new UUID[rules];
        try (TableCopy copy = TableCopy.into(db, "alert_rules", "id", "tenant_id", "name", "metric", "operator",
                "threshold", "severity", "enabled", "created_by", "created_at")) {
            for (int r = 0; r < rules; r++) {
                String[] rule = RULES[r % RULES.length];
                ruleIds[r] = UUID.randomUUID();
                copy.row(ruleIds[r], tenantId, r < RULES.length ? rule[0] : rule[0] + " (" + (r / RULES.length + 1) + ")",
                        rule[1], rule[2], new BigDecimal(rule[3]), rule[4], random.nextInt(8) != 0,
                        member(memberIds, random), now.minusDays(200));
            }
            written.put("alert_processor.alert_rules", copy.rows());
        }

        // Status of each alert: its history rows walk it from OPEN towards RESOLVED.
        UUID[] alertIds = new UUID[alerts];
        OffsetDateTime[] raisedAt = new OffsetDateTime[alerts];
        UUID[] handlers = new UUID[alerts];
        int[] steps = new int[alerts];
        for (long h = 0; h < history; h++) {
            steps[(int) (h % alerts)]++;
        }
        try (TableCopy copy = TableCopy.into(db, "alerts", "id", "tenant_id", "rule_id", "severity", "title",
                "message", "status", "raised_at", "acknowledged_by", "acknowledged_at", "resolved_by", "resolved_at")) {
            for (int a = 0; a < alerts; a++) {
                alertIds[a] = UUID.randomUUID();
                raisedAt[a] = now.minusMinutes((long) (alerts - a) * 53);
                handlers[a] = member(memberIds, random);
                int rule = a % rules;
                String[] kind = RULES[rule % RULES.length];
                boolean acknowledged = steps[a] >= 2;
                boolean resolved = steps[a] >= 3;
                copy.row(alertIds[a], tenantId, ruleIds[rule], kind[4], kind[0], kind[1] + " crossed " + kind[3],
                        resolved ? "RESOLVED" : acknowledged ? "ACKNOWLEDGED" : "OPEN", raisedAt[a],
                        acknowledged ? handlers[a] : null, acknowledged ? raisedAt[a].plusMinutes(7) : null,
                        resolved ? handlers[a] : null, resolved ? raisedAt[a].plusMinutes(45) : null);
            }
            written.put("alert_processor.alerts", copy.rows());
        }
        String[] statuses = {"OPEN", "ACKNOWLEDGED", "RESOLVED"};
        try (TableCopy copy = TableCopy.into(db, "alert_history", "id", "tenant_id", "alert_id", "from_status",
                "to_status", "changed_by", "changed_at", "note")) {
            for (int a = 0; a < alerts; a++) {
                for (int s = 0; s < steps[a]; s++) {
                    String to = statuses[Math.min(s, statuses.length - 1)];
                    copy.row(UUID.randomUUID(), tenantId, alertIds[a], s == 0 ? null : statuses[Math.min(s - 1, 2)], to,
                            s == 0 ? null : handlers[a], raisedAt[a].plusMinutes(s == 0 ? 0 : s == 1 ? 7 : 45L + s),
                            s == 2 ? "Handled on site" : null);
                }
            }
            written.put("alert_processor.alert_history", copy.rows());
        }
        return written;
    }

    private static UUID member(List<UUID> memberIds, SplittableRandom random) {
        return memberIds.isEmpty() ? null : memberIds.get(random.nextInt(memberIds.size()));
    }
}
