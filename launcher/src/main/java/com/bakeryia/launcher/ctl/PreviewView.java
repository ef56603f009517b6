package com.bakeryia.launcher.ctl;

import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * A deletion preview ({@code GET .../deletion-preview}) printed for people: the rows each service
 * would delete or anonymise per table (tables with none left out), the total, and the services
 * that did not answer (their rows are missing from the total, so they are told on stderr).
 */
final class PreviewView {

    private PreviewView() {
    }

    static void printServices(Output output, JsonNode preview) {
        Table table = new Table("SERVICE", "TABLE", "DELETE", "ANONYMISE");
        for (JsonNode service : preview.path("services")) {
            Map<String, long[]> byTable = new TreeMap<>();
            service.path("to_delete").properties().forEach(entry ->
                    byTable.computeIfAbsent(entry.getKey(), name -> new long[2])[0] = entry.getValue().asLong());
            service.path("to_anonymise").properties().forEach(entry ->
                    byTable.computeIfAbsent(entry.getKey(), name -> new long[2])[1] = entry.getValue().asLong());
            byTable.forEach((name, counts) -> {
                if (counts[0] + counts[1] > 0) {
                    table.row(service.path("service").asText(), name, counts[0], counts[1]);
                }
            });
        }
        if (table.isEmpty()) {
            output.line("Nothing to delete or anonymise in any service that answered.");
        } else {
            output.table(table);
        }
        output.line("");
        output.line("Total: " + summary(preview) + ".");
        warnUnavailable(output, preview);
    }

    /** {@code 1,234 rows in 12 services}. */
    static String summary(JsonNode preview) {
        int services = preview.path("services").size();
        return Table.text(preview.path("total_items").asLong()) + " rows in " + services
                + (services == 1 ? " service" : " services");
    }

    static void warnUnavailable(Output output, JsonNode preview) {
        preview.path("unavailable").properties().forEach(entry -> output.notice("warning: service " + entry.getKey()
                + " did not answer, its rows are not counted: " + entry.getValue().asText()));
    }
}
