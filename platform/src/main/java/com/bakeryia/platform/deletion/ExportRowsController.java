package com.bakeryia.platform.deletion;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import com.bakeryia.deletion.DeletionScope;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.deletion.ExportSource;
import com.bakeryia.deletion.ExportTable;
import com.bakeryia.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP binding of the export sources in this process (services only; the orchestrator reads
 * them for an export): the tables holding a tenant's or a user's rows, and each table's rows as
 * NDJSON, written to the response as they are read, so neither side holds a table in memory.
 */
@Tag(name = "Export sources", description = "The HTTP binding of the export sources in this process (services only):"
        + " the tables holding a tenant's or a user's rows, and each table's rows as NDJSON, streamed as read.")
@RestController
@PreAuthorize("hasRole('SERVICE')")
public class ExportRowsController {

    /** The media type of a stream of JSON objects, one per line. */
    public static final String NDJSON = "application/x-ndjson";

    private final LocalExportSources sources;

    public ExportRowsController(LocalExportSources sources) {
        this.sources = sources;
    }

    @Operation(operationId = "listTenantExportTables", summary = "List the tables of one service that hold a tenant's rows")
    @ApiResponse(responseCode = "200", description = "The tables with their columns, in order")
    @GetMapping("/api/v1/{service}/tenant/{tenant_id}/export-tables")
    public List<ExportTable> tenantTables(@PathVariable String service, @PathVariable("tenant_id") UUID tenantId) {
        return source(service).tables(subject(DeletionScope.TENANT, tenantId));
    }

    @Operation(operationId = "streamTenantExportRows", summary = "Stream a tenant's rows of one table as NDJSON")
    @ApiResponse(responseCode = "200", description = "One JSON object per line, keys in the table's column order",
            content = @Content(mediaType = NDJSON, schema = @Schema(implementation = ExportRow.class)))
    @GetMapping(value = "/api/v1/{service}/tenant/{tenant_id}/export-tables/{table}/rows", produces = NDJSON)
    public void tenantRows(@PathVariable String service, @PathVariable("tenant_id") UUID tenantId,
                           @PathVariable String table, HttpServletResponse response) throws IOException {
        stream(source(service), subject(DeletionScope.TENANT, tenantId), table, response);
    }

    @Operation(operationId = "listUserExportTables", summary = "List the tables of one service with rows naming a user")
    @ApiResponse(responseCode = "200", description = "The tables with their columns, in order")
    @GetMapping("/api/v1/{service}/user/{user_id}/export-tables")
    public List<ExportTable> userTables(@PathVariable String service, @PathVariable("user_id") UUID userId) {
        return source(service).tables(subject(DeletionScope.USER, userId));
    }

    @Operation(operationId = "streamUserExportRows", summary = "Stream the rows of one table that name a user, as NDJSON")
    @ApiResponse(responseCode = "200", description = "One JSON object per line, keys in the table's column order",
            content = @Content(mediaType = NDJSON, schema = @Schema(implementation = ExportRow.class)))
    @GetMapping(value = "/api/v1/{service}/user/{user_id}/export-tables/{table}/rows", produces = NDJSON)
    public void userRows(@PathVariable String service, @PathVariable("user_id") UUID userId,
                         @PathVariable String table, HttpServletResponse response) throws IOException {
        stream(source(service), subject(DeletionScope.USER, userId), table, response);
    }

    /** Checks the table before the first byte, so an unknown one is a 404 and not a broken stream. */
    private static void stream(ExportSource source, DeletionSubject subject, String table, HttpServletResponse response)
            throws IOException {
        if (source.tables(subject).stream().noneMatch(listed -> listed.name().equals(table))) {
            throw ApiProblem.notFound(source.service() + " has no table '" + table + "' that can hold rows of a "
                    + subject.scope().pathSegment() + ".");
        }
        response.setContentType(NDJSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        source.rows(subject, table, row -> {
            try {
                out.write(row);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.flush();
    }

    private static DeletionSubject subject(DeletionScope scope, UUID id) {
        if (DeletionSubject.isImpossible(id)) {
            String parameter = scope == DeletionScope.TENANT ? "tenant_id" : "user_id";
            throw ApiProblem.badRequest(parameter + " " + id + " is the tombstone that replaces erased users;"
                    + " it names no " + scope.pathSegment() + ".").with("field", parameter);
        }
        return new DeletionSubject(scope, id);
    }

    private ExportSource source(String service) {
        return sources.find(service).orElseThrow(() -> ApiProblem.notFound(
                "No export source '" + service + "' runs in this process."));
    }
}
