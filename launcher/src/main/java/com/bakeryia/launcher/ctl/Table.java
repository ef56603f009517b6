package com.bakeryia.launcher.ctl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An aligned text table as {@code kubectl get} prints one: a header row in capitals, columns two
 * spaces apart, numbers right-aligned with thousands separators, the last column never padded.
 * Widths count what a terminal shows, so colour codes do not shift a column.
 */
final class Table {

    private static final Pattern COLOUR_CODE = Pattern.compile("\u001B\\[[0-9;]*m");

    private final List<String> headers;
    private final boolean showHeaders;
    private final List<Object[]> rows = new ArrayList<>();

    Table(String... headers) {
        this(true, headers);
    }

    private Table(boolean showHeaders, String... headers) {
        this.headers = List.of(headers);
        this.showHeaders = showHeaders;
    }

    /** Two columns without a header row: a name and its value, for the facts of one thing. */
    static Table facts() {
        return new Table(false, "NAME", "VALUE");
    }

    /** Adds a row; a {@link Number} cell is printed with separators and right-aligned, null as {@code -}. */
    Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("A row of " + cells.length + " cells for " + headers.size() + " columns");
        }
        rows.add(cells.clone());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out) {
        int columns = headers.size();
        int[] widths = new int[columns];
        boolean[] numeric = new boolean[columns];
        List<String[]> texts = new ArrayList<>();
        if (showHeaders) {
            texts.add(headers.toArray(String[]::new));
        }
        for (Object[] row : rows) {
            String[] text = new String[columns];
            for (int column = 0; column < columns; column++) {
                text[column] = text(row[column]);
                numeric[column] |= row[column] instanceof Number;
            }
            texts.add(text);
        }
        for (String[] text : texts) {
            for (int column = 0; column < columns; column++) {
                widths[column] = Math.max(widths[column], visibleLength(text[column]));
            }
        }
        for (String[] text : texts) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < columns; column++) {
                boolean last = column == columns - 1;
                String padding = " ".repeat(widths[column] - visibleLength(text[column]));
                if (numeric[column]) {
                    line.append(padding).append(text[column]);
                } else {
                    line.append(text[column]).append(last ? "" : padding);
                }
                if (!last) {
                    line.append("  ");
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    static String text(Object cell) {
        if (cell == null) {
            return "-";
        }
        if (cell instanceof Number number) {
            return String.format(Locale.ROOT, "%,d", number.longValue());
        }
        // One value on its line: a line feed or tab in it (a tenant's name) is shown, not obeyed.
        String text = PrintableText.inline(cell.toString());
        return text.isEmpty() ? "-" : text;
    }

    static int visibleLength(String text) {
        return COLOUR_CODE.matcher(text).replaceAll("").length();
    }

    @Override
    public String toString() {
        return "Table" + headers + " with " + rows.size() + " rows";
    }
}
