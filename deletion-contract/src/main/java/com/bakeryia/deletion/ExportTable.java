package com.bakeryia.deletion;

import java.util.List;

/**
 * A table that holds rows of an export's subject, as its service names it: the table (without
 * schema) and its columns in the table's order, which is also the order of the keys of each row's
 * JSON object and of the columns of its CSV file.
 *
 * @param name    the table's name in its service's schema
 * @param columns its columns, in order
 */
public record ExportTable(String name, List<String> columns) {

    public ExportTable {
        columns = List.copyOf(columns);
    }
}
