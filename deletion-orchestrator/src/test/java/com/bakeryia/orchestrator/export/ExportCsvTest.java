package com.bakeryia.orchestrator.export;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A row's JSON object becomes one CSV record (RFC 4180) in the table's column order. */
class ExportCsvTest {

    private final ExportArchiver.CsvRow row = new ExportArchiver.CsvRow(JsonMapper.builder().build(),
            List.of("id", "name", "price", "tags", "details", "active", "note"));

    @Test
    void valuesComeInColumnOrderWithNumbersAsWrittenAndDocumentsAsJson() {
        List<String> values = row.values("{\"note\":null,\"id\":7,\"name\":\"Pan\",\"price\":1.50,\"tags\":[\"a\",2],"
                + "\"details\":{\"kg\":0.250,\"x\":{\"y\":[]}},\"active\":true}");

        assertThat(values).containsExactly("7", "Pan", "1.50", "[\"a\",2]", "{\"kg\":0.250,\"x\":{\"y\":[]}}", "true", null);
    }

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedAndNullsAreEmpty() throws Exception {
        StringWriter out = new StringWriter();

        ExportArchiver.csvLine(out, Arrays.asList("plain", "a,b", "say \"hi\"", "two\nlines", null, ""));

        assertThat(out.toString()).isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\r\n");
    }
}
