package com.bakeryia.pos;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.web.ApiProblem;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Cashier sessions on the tenant's tills, in {@code pos.pos_sessions}. */
@Component
class PosSessions {

    private final ServiceDatabase db;
    private final PosConfigurations configurations;
    private final Clock clock;

    PosSessions(@Qualifier("pos") ServiceDatabase db, PosConfigurations configurations, Clock clock) {
        this.db = db;
        this.configurations = configurations;
        this.clock = clock;
    }

    PosSessionView open(UUID tenantId, NewPosSession session, UUID openedBy) {
        return db.transactions().execute(status -> {
            if (!configurations.lockExisting(tenantId, session.configurationId())) {
                throw ApiProblem.badRequest("Field 'configuration_id': POS configuration " + session.configurationId()
                        + " does not exist in tenant " + tenantId + ".");
            }
            UUID id = UUID.randomUUID();
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            db.jdbc().update("""
                    insert into pos.pos_sessions
                        (id, tenant_id, configuration_id, status, opening_cash, opened_by, opened_at, created_at)
                    values (?, ?, ?, 'OPEN', ?, ?, ?, ?)""",
                    id, tenantId, session.configurationId(), session.openingCash(), openedBy, now, now);
            return new PosSessionView(id, tenantId, session.configurationId(), "OPEN", session.openingCash(), null,
                    openedBy, null, now, null);
        });
    }

    /** Oldest first, ties broken by id. */
    List<PosSessionView> list(UUID tenantId, int limit, int offset) {
        return db.jdbc().query("""
                select id, tenant_id, configuration_id, status, opening_cash, closing_cash, opened_by, closed_by,
                       opened_at, closed_at
                from pos.pos_sessions where tenant_id = ? order by opened_at, id limit ? offset ?""",
                PosSessions::view, tenantId, limit, offset);
    }

    /** The session's status, locked so it cannot be closed or deleted under a new transaction; null if none. */
    String lockStatus(UUID tenantId, UUID sessionId) {
        List<String> status = db.jdbc().queryForList(
                "select status from pos.pos_sessions where tenant_id = ? and id = ? for key share",
                String.class, tenantId, sessionId);
        return status.isEmpty() ? null : status.get(0);
    }

    private static PosSessionView view(ResultSet row, int index) throws SQLException {
        return new PosSessionView(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class),
                row.getObject("configuration_id", UUID.class), row.getString("status"),
                row.getBigDecimal("opening_cash"), row.getBigDecimal("closing_cash"),
                row.getObject("opened_by", UUID.class), row.getObject("closed_by", UUID.class),
                row.getObject("opened_at", OffsetDateTime.class), row.getObject("closed_at", OffsetDateTime.class));
    }
}
