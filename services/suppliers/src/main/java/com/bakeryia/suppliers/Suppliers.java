package com.bakeryia.suppliers;

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

/** The tenant's suppliers, in {@code suppliers.suppliers}. */
@Component
class Suppliers {

    private final ServiceDatabase db;
    private final Clock clock;

    Suppliers(@Qualifier("suppliers") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    SupplierView add(UUID tenantId, NewSupplier supplier, UUID createdBy) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int leadTime = supplier.leadTimeDays() == null ? 1 : supplier.leadTimeDays();
        int inserted = db.jdbc().update("""
                insert into suppliers.suppliers (id, tenant_id, name, contact_email, phone, lead_time_days, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (tenant_id, name) do nothing""",
                id, tenantId, supplier.name(), supplier.contactEmail(), supplier.phone(), leadTime, createdBy, now);
        if (inserted == 0) {
            throw ApiProblem.conflict("Tenant " + tenantId + " already has a supplier named '" + supplier.name() + "'.");
        }
        return new SupplierView(id, tenantId, supplier.name(), supplier.contactEmail(), supplier.phone(), leadTime,
                createdBy, now);
    }

    /** Oldest first, ties broken by id. */
    List<SupplierView> list(UUID tenantId, int limit, int offset) {
        return db.jdbc().query("""
                select * from suppliers.suppliers where tenant_id = ? order by created_at, id limit ? offset ?""",
                Suppliers::view, tenantId, limit, offset);
    }

    /** Fails with 400 unless the supplier is the tenant's; locks it so it cannot vanish under a new order. */
    void requireExisting(UUID tenantId, UUID supplierId) {
        if (db.jdbc().queryForList("select id from suppliers.suppliers where tenant_id = ? and id = ? for key share",
                UUID.class, tenantId, supplierId).isEmpty()) {
            throw ApiProblem.badRequest("Field 'supplier_id': supplier " + supplierId
                    + " does not exist in tenant " + tenantId + ".");
        }
    }

    private static SupplierView view(ResultSet row, int index) throws SQLException {
        return new SupplierView(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class),
                row.getString("name"), row.getString("contact_email"), row.getString("phone"),
                row.getInt("lead_time_days"), row.getObject("created_by", UUID.class),
                row.getObject("created_at", OffsetDateTime.class));
    }
}
