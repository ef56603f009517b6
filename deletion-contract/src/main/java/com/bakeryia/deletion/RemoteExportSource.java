package com.bakeryia.deletion;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.web.client.RestClient;

/**
 * An {@link ExportSource} in another process, over its HTTP binding (service principals only):
 * {@code GET /api/v1/{service}/{tenant|user}/{id}/export-tables} (a JSON array of tables) and
 * {@code GET /api/v1/{service}/{tenant|user}/{id}/export-tables/{table}/rows}, an NDJSON body
 * ({@code application/x-ndjson}) of one row object per line, read as it arrives. The client is
 * expected to carry the base URL, a service token and timeouts.
 */
public final class RemoteExportSource implements ExportSource {

    private final String service;
    private final RestClient client;

    public RemoteExportSource(String service, RestClient client) {
        this.service = service;
        this.client = client;
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public List<ExportTable> tables(DeletionSubject subject) {
        ExportTable[] tables = client.get()
                .uri("/api/v1/{service}/{scope}/{id}/export-tables", service, subject.scope().pathSegment(), subject.id())
                .retrieve()
                .body(ExportTable[].class);
        return tables == null ? List.of() : List.of(tables);
    }

    @Override
    public long rows(DeletionSubject subject, String table, Consumer<String> row) {
        return client.get()
                .uri("/api/v1/{service}/{scope}/{id}/export-tables/{table}/rows", service, subject.scope().pathSegment(),
                        subject.id(), table)
                .exchange((request, response) -> {
                    if (response.getStatusCode().isError()) {
                        throw new IllegalStateException(service + " answered " + response.getStatusCode().value()
                                + " to the rows of " + table + " of " + subject);
                    }
                    long count = 0;
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(response.getBody(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            if (!line.isEmpty()) {
                                row.accept(line);
                                count++;
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException("Reading the rows of " + service + "." + table + " broke off", e);
                    }
                    return count;
                });
    }
}
