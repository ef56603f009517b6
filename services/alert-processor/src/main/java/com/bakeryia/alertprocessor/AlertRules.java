package com.bakeryia.alertprocessor;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** The tenant's alert rules, in {@code alert_processor.alert_rules}. */
@Component
class AlertRules {

    private final ServiceDatabase db;
    private final Clock clock;

    AlertRules(@Qualifier("alert-processor") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    AlertRuleView add(UUID tenantId, NewAlertRule rule, UUID createdBy) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        db.jdbc().update("""
                insert into alert_processor.alert_rules
                    (id, tenant_id, name, metric, operator, threshold, severity, enabled, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, true, ?, ?)""",
                id, tenantId, rule.name(), rule.metric(), rule.operator(), rule.threshold(), rule.severity(), createdBy, now);
        return new AlertRuleView(id, tenantId, rule.name(), rule.metric(), rule.operator(), rule.threshold(),
                rule.severity(), true, createdBy, now);
    }

    /** Oldest first, ties broken by id. */
    List<AlertRuleView> list(UUID tenantId, int limit, int offset) {
        return db.jdbc().query("""
                select id, tenant_id, name, metric, operator, threshold, severity, enabled, created_by, created_at
                from alert_processor.alert_rules where tenant_id = ? order by created_at, id limit ? offset ?""",
                (row, index) -> new AlertRuleView(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class),
                        row.getString("name"), row.getString("metric"), row.getString("operator"),
                        row.getBigDecimal("threshold"), row.getString("severity"), row.getBoolean("enabled"),
                        row.getObject("created_by", UUID.class), row.getObject("created_at", OffsetDateTime.class)),
                tenantId, limit, offset);
    }

    /** Whether the rule exists in this tenant; locks it so it cannot vanish under a new alert. */
    boolean lockExisting(UUID tenantId, UUID ruleId) {
        return !db.jdbc().queryForList("select id from alert_processor.alert_rules where tenant_id = ? and id = ? for key share",
                UUID.class, tenantId, ruleId).isEmpty();
    }
}
