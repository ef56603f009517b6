package com.bakeryia.orchestrator.export;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.deletion.ExportSource;
import com.bakeryia.deletion.ExportTable;
import com.bakeryia.orchestrator.certificate.ExportManifestSigner;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * One attempt at an export, under its lease: asks every service of the export for its tables of
 * the subject, writes each table as two files in the export's work directory (NDJSON as the
 * service sent it, one row per line, and CSV with a header of the columns), recording each table in
 * the job store as it is done, then assembles the ZIP (ZIP64 when an entry or the archive passes
 * 4 GiB or 65,535 entries, which {@link ZipOutputStream} writes by itself) with
 * {@code manifest.json} and its detached signature {@code manifest.jws}, and marks the export READY.
 *
 * <p>A takeover after a crash skips every table recorded by an earlier attempt (its files carry
 * that attempt's lease version in their names, so a worker that lost its lease and still writes
 * never touches the files another recorded). Rows are streamed from the source to the files and
 * from the files into the archive; nothing holds a table in memory.
 */
public class ExportArchiver {

    /** The manifest's format, so a reader knows which fields to expect. */
    public static final int FORMAT_VERSION = 1;
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.jws";

    private final DataExportStore store;
    private final ExportSources sources;
    private final ExportManifestSigner signer;
    private final JsonMapper json;
    private final Path directory;
    private final Duration linkValidity;
    private final Clock clock;

    public ExportArchiver(DataExportStore store, ExportSources sources, ExportManifestSigner signer, JsonMapper json,
                          Path directory, Duration linkValidity, Clock clock) {
        this.store = store;
        this.sources = sources;
        this.signer = signer;
        this.json = json;
        this.directory = directory;
        this.linkValidity = linkValidity;
        this.clock = clock;
    }

    /** Where the archives are. */
    public Path directory() {
        return directory;
    }

    /** A table to write: which service, which table, its place in the archive. */
    private record Planned(String service, ExportTable table, int position) {
        String key() {
            return service + "." + table.name();
        }
    }

    /** Builds the export held by {@code lease} to READY; throws when a source or the disk fails. */
    public void build(DataExportStore.Lease lease) {
        DeletionSubject subject = lease.kind() == ExportKind.TENANT ? DeletionSubject.tenant(lease.subjectId())
                : DeletionSubject.user(lease.subjectId());
        List<Planned> planned = new ArrayList<>();
        for (String service : lease.participants()) {
            for (ExportTable table : sources.source(service).tables(subject)) {
                planned.add(new Planned(service, table, planned.size()));
            }
        }
        store.plan(lease, planned.size());
        Path work = workDirectory(lease);
        Map<String, DataExportStore.Part> done = new LinkedHashMap<>();
        store.parts(lease.exportId()).forEach(part -> done.put(part.service() + "." + part.table(), part));
        try {
            Files.createDirectories(work);
            List<DataExportStore.Part> parts = new ArrayList<>();
            for (Planned table : planned) {
                DataExportStore.Part part = done.get(table.key());
                if (part == null || part.position() != table.position() || !filesIntact(work, part)) {
                    part = writePart(lease, sources.source(table.service()), subject, table, work);
                    store.recordPart(lease, part);
                }
                parts.add(part);
            }
            String fileName = lease.exportId() + "-" + lease.version() + ".zip";
            Path partial = directory.resolve(fileName + ".partial");
            MessageDigest digest = sha256();
            try (OutputStream file = Files.newOutputStream(partial);
                 ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(new DigestOutputStream(file, digest),
                         1 << 16))) {
                for (DataExportStore.Part part : parts) {
                    copyInto(zip, entryName(part, "ndjson"), partFile(work, part, "ndjson"));
                    copyInto(zip, entryName(part, "csv"), partFile(work, part, "csv"));
                }
                byte[] manifest = manifest(lease, parts);
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(manifest);
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(SIGNATURE));
                zip.write(signer.sign(manifest).getBytes(StandardCharsets.US_ASCII));
                zip.closeEntry();
            }
            Path archive = directory.resolve(fileName);
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            store.ready(lease, fileName, Files.size(archive), HexFormat.of().formatHex(digest.digest()), linkValidity);
            deleteRecursively(work);
        } catch (IOException e) {
            throw new UncheckedIOException("Export " + lease.exportId() + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the archive {@code fileName} of the export directory (an expired or erased export's). */
    public void deleteArchive(String fileName) {
        if (fileName == null) {
            return;
        }
        try {
            Files.deleteIfExists(directory.resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the export archive " + fileName, e);
        }
    }

    /** Deletes the work files of an export that will not be built (FAILED, or its subject erased). */
    public void discardWork(java.util.UUID exportId) {
        try {
            deleteRecursively(directory.resolve(exportId + ".parts"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the work files of export " + exportId, e);
        }
    }

    /** The export's work directory, where its tables' files wait to go into the archive. */
    Path workDirectory(DataExportStore.Lease lease) {
        return directory.resolve(lease.exportId() + ".parts");
    }

    private static String entryName(DataExportStore.Part part, String extension) {
        return part.service() + "/" + part.table() + "." + extension;
    }

    private static Path partFile(Path work, DataExportStore.Part part, String extension) {
        return work.resolve(part.service() + "." + part.table() + "." + part.writtenByVersion() + "." + extension);
    }

    private static boolean filesIntact(Path work, DataExportStore.Part part) throws IOException {
        Path ndjson = partFile(work, part, "ndjson");
        Path csv = partFile(work, part, "csv");
        return Files.exists(ndjson) && Files.size(ndjson) == part.ndjsonBytes()
                && Files.exists(csv) && Files.size(csv) == part.csvBytes();
    }

    /** Streams one table of the subject from its service into its NDJSON and CSV files. */
    private DataExportStore.Part writePart(DataExportStore.Lease lease, ExportSource source, DeletionSubject subject,
                                           Planned table, Path work) throws IOException {
        DataExportStore.Part naming = new DataExportStore.Part(table.service(), table.table().name(), table.position(),
                table.table().columns(), 0, 0, "", 0, "", lease.version());
        Path ndjsonFile = partFile(work, naming, "ndjson");
        Path csvFile = partFile(work, naming, "csv");
        MessageDigest ndjsonDigest = sha256();
        MessageDigest csvDigest = sha256();
        List<String> columns = table.table().columns();
        long rows;
        try (CountingOutputStream ndjsonBytes = new CountingOutputStream(new DigestOutputStream(
                     Files.newOutputStream(ndjsonFile), ndjsonDigest));
             CountingOutputStream csvBytes = new CountingOutputStream(new DigestOutputStream(
                     Files.newOutputStream(csvFile), csvDigest));
             Writer ndjson = new BufferedWriter(new OutputStreamWriter(ndjsonBytes, StandardCharsets.UTF_8), 1 << 16);
             Writer csv = new BufferedWriter(new OutputStreamWriter(csvBytes, StandardCharsets.UTF_8), 1 << 16)) {
            csvLine(csv, columns);
            CsvRow csvRow = new CsvRow(json, columns);
            rows = source.rows(subject, table.table().name(), unchecked(row -> {
                ndjson.write(row);
                ndjson.write('\n');
                csvLine(csv, csvRow.values(row));
            }));
            ndjson.flush();
            csv.flush();
            return new DataExportStore.Part(table.service(), table.table().name(), table.position(), columns, rows,
                    ndjsonBytes.count, HexFormat.of().formatHex(ndjsonDigest.digest()), csvBytes.count,
                    HexFormat.of().formatHex(csvDigest.digest()), lease.version());
        }
    }

    /** The manifest: what the archive holds, per file its rows and SHA-256, and whose data it is. */
    private byte[] manifest(DataExportStore.Lease lease, List<DataExportStore.Part> parts) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format_version", FORMAT_VERSION);
        manifest.put("export_id", lease.exportId().toString());
        manifest.put("kind", lease.kind().name());
        manifest.put(lease.kind() == ExportKind.TENANT ? "tenant_id" : "user_id", lease.subjectId().toString());
        manifest.put("generated_at", clock.instant().toString());
        List<Map<String, Object>> files = new ArrayList<>();
        for (DataExportStore.Part part : parts) {
            for (String format : List.of("ndjson", "csv")) {
                Map<String, Object> file = new LinkedHashMap<>();
                file.put("name", entryName(part, format));
                file.put("service", part.service());
                file.put("table", part.table());
                file.put("format", format);
                file.put("rows", part.rows());
                file.put("bytes", format.equals("ndjson") ? part.ndjsonBytes() : part.csvBytes());
                file.put("sha256", format.equals("ndjson") ? part.ndjsonSha256() : part.csvSha256());
                if (format.equals("csv")) {
                    file.put("columns", part.columns());
                }
                files.add(file);
            }
        }
        manifest.put("files", files);
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
    }

    private static void copyInto(ZipOutputStream zip, String name, Path file) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(zip);
        }
        zip.closeEntry();
    }

    /** One CSV record (RFC 4180): a field with a comma, quote or line break is quoted, quotes doubled. */
    static void csvLine(Writer out, List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String value = values.get(i);
            if (value == null) {
                continue;
            }
            if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                out.write('"');
                out.write(value.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(value);
            }
        }
        out.write("\r\n");
    }

    /**
     * A row's JSON object as CSV values in the table's column order: a string as it is, a number or
     * a boolean as written in the JSON, null as an empty field, an object or array as its JSON text.
     */
    static final class CsvRow {

        private final JsonMapper json;
        private final List<String> columns;

        CsvRow(JsonMapper json, List<String> columns) {
            this.json = json;
            this.columns = columns;
        }

        List<String> values(String row) {
            Map<String, String> byColumn = new LinkedHashMap<>();
            try (JsonParser parser = json.createParser(row)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException("A row is not a JSON object: " + row);
                }
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String column = parser.currentName();
                    JsonToken value = parser.nextToken();
                    byColumn.put(column, switch (value) {
                        case VALUE_NULL -> null;
                        case START_OBJECT, START_ARRAY -> nested(parser);
                        default -> parser.getString();
                    });
                }
            }
            List<String> values = new ArrayList<>(columns.size());
            columns.forEach(column -> values.add(byColumn.get(column)));
            return values;
        }

        /** The object or array the parser is at, as JSON text exactly as it came (numbers as written). */
        private String nested(JsonParser parser) {
            java.io.StringWriter text = new java.io.StringWriter();
            try (tools.jackson.core.JsonGenerator copy = json.createGenerator(text)) {
                copy.copyCurrentStructureExact(parser);
            }
            return text.toString();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(each);
            }
        }
    }

    private interface IoConsumer<T> {
        void accept(T value) throws IOException;
    }

    private static <T> Consumer<T> unchecked(IoConsumer<T> consumer) {
        return value -> {
            try {
                consumer.accept(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** Counts the bytes written through it, for the manifest. */
    private static final class CountingOutputStream extends java.io.FilterOutputStream {

        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
