package com.bakeryia.sales;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.web.ApiProblem;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Sales per product, day and channel, in {@code sales.sales_records}. */
@Component
class SalesRecords {

    static final String CHANNELS = "STORE|ONLINE|WHOLESALE|DELIVERY_APP";
    /** The largest revenue that {@code sales_records.revenue numeric(14,2)} holds. */
    static final BigDecimal MAX_REVENUE = new BigDecimal("999999999999.99");

    private final ServiceDatabase db;
    private final Clock clock;

    SalesRecords(@Qualifier("sales") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** One record per product, day and channel: a second one for the same combination is a 409. */
    SalesRecordView add(UUID tenantId, NewSalesRecord sale, UUID recordedBy) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        BigDecimal revenue = sale.unitPrice().multiply(BigDecimal.valueOf(sale.quantitySold()));
        if (revenue.compareTo(MAX_REVENUE) > 0) {
            throw ApiProblem.badRequest("Fields 'quantity_sold' and 'unit_price': the revenue " + revenue.toPlainString()
                    + " exceeds the largest allowed, " + MAX_REVENUE.toPlainString() + ".");
        }
        int inserted = db.jdbc().update("""
                insert into sales.sales_records (id, tenant_id, product_id, product_name, sale_date, channel,
                                                 quantity_sold, unit_price, revenue, recorded_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (tenant_id, product_id, sale_date, channel) do nothing""",
                id, tenantId, sale.productId(), sale.productName(), sale.saleDate(), sale.channel(), sale.quantitySold(),
                sale.unitPrice(), revenue, recordedBy, now);
        if (inserted == 0) {
            throw ApiProblem.conflict("Sales of product " + sale.productId() + " on " + sale.saleDate() + " through "
                    + sale.channel() + " are already recorded.");
        }
        return new SalesRecordView(id, tenantId, sale.productId(), sale.productName(), sale.saleDate(), sale.channel(),
                sale.quantitySold(), sale.unitPrice(), revenue, recordedBy, now);
    }

    /** By sale date, ties broken by id; optionally only {@code from} to {@code to} inclusive. */
    List<SalesRecordView> list(UUID tenantId, LocalDate from, LocalDate to, int limit, int offset) {
        return db.jdbc().query("""
                select * from sales.sales_records
                where tenant_id = ? and sale_date >= ? and sale_date <= ?
                order by sale_date, id limit ? offset ?""",
                SalesRecords::view, tenantId, from == null ? LocalDate.of(1, 1, 1) : from,
                to == null ? LocalDate.of(9999, 12, 31) : to, limit, offset);
    }

    private static SalesRecordView view(ResultSet row, int index) throws SQLException {
        return new SalesRecordView(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class),
                row.getObject("product_id", UUID.class), row.getString("product_name"),
                row.getObject("sale_date", LocalDate.class), row.getString("channel"), row.getInt("quantity_sold"),
                row.getBigDecimal("unit_price"), row.getBigDecimal("revenue"), row.getObject("recorded_by", UUID.class),
                row.getObject("created_at", OffsetDateTime.class));
    }
}
