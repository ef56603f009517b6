package com.bakeryia.platform.retention;

/**
 * A kind of record a bakery may have to keep after its deletion, with the table that holds it and
 * the column whose date starts its retention period (counted from the end of that date's calendar
 * year). The catalogue gives each kind a rule per jurisdiction.
 */
public enum RecordKind {

    /** Receipts rung up at the till. */
    POS_TRANSACTIONS("pos", "pos_transactions", "occurred_at", true),
    /** The lines of a till receipt. */
    POS_TRANSACTION_ITEMS("pos", "pos_transaction_items", "created_at", true),
    /** Orders the bakery's customers placed. */
    CUSTOMER_ORDERS("orders", "customer_orders", "created_at", true),
    /** The lines of a customer's order. */
    CUSTOMER_ORDER_ITEMS("orders", "order_items", "created_at", true),
    /** Orders the bakery placed with its suppliers. */
    PURCHASE_ORDERS("suppliers", "purchase_orders", "created_at", true),
    /** The lines of a purchase order. */
    PURCHASE_ORDER_ITEMS("suppliers", "purchase_order_items", "created_at", true),
    /** Deliveries received against purchase orders. */
    DELIVERIES("suppliers", "deliveries", "delivered_on", false),
    /** Sales per product, day and channel. */
    SALES_RECORDS("sales", "sales_records", "sale_date", false);

    private final String service;
    private final String table;
    private final String dateColumn;
    private final boolean timestamp;

    RecordKind(String service, String table, String dateColumn, boolean timestamp) {
        this.service = service;
        this.table = table;
        this.dateColumn = dateColumn;
        this.timestamp = timestamp;
    }

    /**
     * The record's own date as an SQL expression over its row: the date column, or the UTC
     * calendar date of a timestamp column (so the year does not depend on a session's time zone).
     */
    public String dateExpression() {
        return timestamp ? "(" + dateColumn + " at time zone 'UTC')::date" : dateColumn;
    }

    /** The service whose schema holds these records. */
    public String service() {
        return service;
    }

    /** The table, in the service's schema, that holds these records. */
    public String table() {
        return table;
    }

    /** The column whose date (its calendar year) the retention period is counted from. */
    public String dateColumn() {
        return dateColumn;
    }
}
