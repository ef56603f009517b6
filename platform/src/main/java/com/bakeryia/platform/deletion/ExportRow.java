package com.bakeryia.platform.deletion;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What each line of an export stream is, for the API document only: one row of a table as a JSON
 * object, its columns as keys in the table's order, each value as the database gives it in JSON.
 */
@Schema(name = "ExportRow", description = "One row of a table: its columns as keys, in the table's order, each value as"
        + " PostgreSQL's row_to_json gives it", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
public final class ExportRow {

    private ExportRow() {
    }
}
