package com.bakeryia.orders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** The tenant's customers, in {@code orders.customers}. */
@Component
class Customers {

    private final ServiceDatabase db;
    private final Clock clock;

    Customers(@Qualifier("orders") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    CustomerView add(UUID tenantId, NewCustomer customer, UUID createdBy) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        String type = customer.customerType() == null ? "INDIVIDUAL" : customer.customerType();
        db.jdbc().update("""
                insert into orders.customers (id, tenant_id, name, email, phone, customer_type, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""",
                id, tenantId, customer.name(), customer.email(), customer.phone(), type, createdBy, now);
        return new CustomerView(id, tenantId, customer.name(), customer.email(), customer.phone(), type, createdBy, now);
    }

    /** Oldest first, ties broken by id, so pages never overlap or skip. */
    List<CustomerView> list(UUID tenantId, int limit, int offset) {
        return db.jdbc().query("""
                select id, tenant_id, name, email, phone, customer_type, created_by, created_at
                from orders.customers where tenant_id = ? order by created_at, id limit ? offset ?""",
                Customers::view, tenantId, limit, offset);
    }

    /** Whether the customer exists in this tenant; locks it so it cannot vanish under a new order. */
    boolean lockExisting(UUID tenantId, UUID customerId) {
        return !db.jdbc().queryForList("select id from orders.customers where tenant_id = ? and id = ? for key share",
                UUID.class, tenantId, customerId).isEmpty();
    }

    private static CustomerView view(ResultSet row, int index) throws SQLException {
        return new CustomerView(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class),
                row.getString("name"), row.getString("email"), row.getString("phone"), row.getString("customer_type"),
                row.getObject("created_by", UUID.class), row.getObject("created_at", OffsetDateTime.class));
    }
}
