package com.bakeryia.platform.retention;

/**
 * A kind of record a bakery may have to keep after its deletion, with the table that holds it and
 * the column whose date starts its retention period (counted from the end of that date's calendar
 * year). The catalogue gives each kind a rule per jurisdiction.
 */
public enum RecordKind {

    /** Receipts rung up at the till. */
    POS_TRANSACTIONS("pos", "pos_transactions", "occurred_at"),
    /** The lines of a till receipt. */
    POS_TRANSACTION_ITEMS("pos", "pos_transaction_items", "created_at"),
    /** Orders the bakery's customers placed. */
    CUSTOMER_ORDERS("orders", "customer_orders", "created_at"),
    /** The lines of a customer's order. */
    CUSTOMER_ORDER_ITEMS("orders", "order_items", "created_at"),
    /** Orders the bakery placed with its suppliers. */
    PURCHASE_ORDERS("suppliers", "purchase_orders", "created_at"),
    /** The lines of a purchase order. */
    PURCHASE_ORDER_ITEMS("suppliers", "purchase_order_items", "created_at"),
    /** Deliveries received against purchase orders. */
    DELIVERIES("suppliers", "deliveries", "delivered_on"),
    /** Sales per product, day and channel. */
    SALES_RECORDS("sales", "sales_records", "sale_date");

    private final String service;
    private final String table;
    private final String dateColumn;

    RecordKind(String service, String table, String dateColumn) {
        this.service = service;
        this.table = table;
        this.dateColumn = dateColumn;
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
