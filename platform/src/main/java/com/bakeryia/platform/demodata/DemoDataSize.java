package com.bakeryia.platform.demodata;

/** Named sizes of generated data: roughly the total rows across all services. */
public enum DemoDataSize {
    SMALL(1_000), MEDIUM(10_000), LARGE(100_000), XLARGE(1_000_000),
    /** Ten million rows, for measuring how deletion time grows with size; minutes to generate. */
    XXLARGE(10_000_000);

    private final long totalRows;

    DemoDataSize(long totalRows) {
        this.totalRows = totalRows;
    }

    public long totalRows() {
        return totalRows;
    }

    /** A service's or table's share of the total rows: at least one, so every table gets a row. */
    public int share(double fraction) {
        return (int) Math.max(1, Math.round(totalRows * fraction));
    }
}
