package com.bakeryia.alertprocessor;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.web.ApiProblem;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Alerts and their status history, in the {@code alert_processor} schema. */
@Component
class Alerts {

    private final ServiceDatabase db;
    private final AlertRules rules;
    private final Clock clock;

    Alerts(@Qualifier("alert-processor") ServiceDatabase db, AlertRules rules, Clock clock) {
        this.db = db;
        this.rules = rules;
        this.clock = clock;
    }

    /** Writes the OPEN alert and its first history entry in one transaction. */
    AlertView raise(UUID tenantId, NewAlert alert, UUID raisedBy) {
        return db.transactions().execute(status -> {
            if (alert.ruleId() != null && !rules.lockExisting(tenantId, alert.ruleId())) {
                throw ApiProblem.badRequest("Field 'rule_id': alert rule " + alert.ruleId()
                        + " does not exist in tenant " + tenantId + ".");
            }
            UUID id = UUID.randomUUID();
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            db.jdbc().update("""
                    insert into alert_processor.alerts
                        (id, tenant_id, rule_id, severity, title, message, status, raised_at, created_at)
                    values (?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)""",
                    id, tenantId, alert.ruleId(), alert.severity(), alert.title(), alert.message(), now, now);
            db.jdbc().update("""
                    insert into alert_processor.alert_history
                        (id, tenant_id, alert_id, from_status, to_status, changed_by, changed_at, created_at)
                    values (?, ?, ?, null, 'OPEN', ?, ?, ?)""", UUID.randomUUID(), tenantId, id, raisedBy, now, now);
            return new AlertView(id, tenantId, alert.ruleId(), alert.severity(), alert.title(), alert.message(), "OPEN",
                    now, null, null);
        });
    }

    /** Newest first, ties broken by id; optionally only one status. */
    List<AlertView> list(UUID tenantId, String status, int limit, int offset) {
        return db.jdbc().query("""
                select id, tenant_id, rule_id, severity, title, message, status, raised_at, acknowledged_by, resolved_by
                from alert_processor.alerts where tenant_id = ? and (?::text is null or status = ?)
                order by raised_at desc, id limit ? offset ?""",
                (row, index) -> new AlertView(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class),
                        row.getObject("rule_id", UUID.class), row.getString("severity"), row.getString("title"),
                        row.getString("message"), row.getString("status"), row.getObject("raised_at", OffsetDateTime.class),
                        row.getObject("acknowledged_by", UUID.class), row.getObject("resolved_by", UUID.class)),
                tenantId, status, status, limit, offset);
    }
}
