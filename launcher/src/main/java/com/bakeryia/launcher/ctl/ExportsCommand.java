package com.bakeryia.launcher.ctl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.bakeryia.orchestrator.certificate.ExportManifestVerifier;
import com.bakeryia.orchestrator.certificate.InvalidCertificateException;
import com.nimbusds.jose.jwk.JWKSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ctl exports verify}: a downloaded export archive checked offline. Its {@code manifest.json}
 * must carry the detached signature {@code manifest.jws} by a key of a JWK Set file (the platform's
 * certificate keys, saved beforehand: no network is used), and every file the manifest lists must be
 * in the archive with the manifest's SHA-256 and size, and nothing else besides the manifest.
 */
@Command(name = "exports", synopsisSubcommandLabel = "<command>",
        description = "Data exports: start one of a tenant or a person, verify a downloaded archive offline.")
final class ExportsCommand extends CommandGroup {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Command(name = "start", sortOptions = false, description = {"Starts an export of a tenant (--tenant) or of a"
            + " person's own data (--user): 202, QUEUED. Prints the export and where to read its progress.",
        "Exit 0 started, 3 no such tenant or person, 5 being deleted, 6 one was asked for within the day (Retry-After)."})
    int start(@Option(names = "--tenant", paramLabel = "<tenant_id>", converter = Arguments.Id.class,
                      description = "The tenant to export.") UUID tenant,
              @Option(names = "--user", paramLabel = "<user_id>", converter = Arguments.Id.class,
                      description = "The person whose own data to export.") UUID user) {
        if ((tenant == null) == (user == null)) {
            throw CtlFailure.usage("name exactly one of --tenant <tenant_id> and --user <user_id>");
        }
        String exports = tenant != null ? "/api/v1/tenants/" + tenant + "/exports" : "/api/v1/users/" + user + "/exports";
        JsonNode export = ctl.client().post(exports);
        Output output = ctl.output();
        if (output.json()) {
            output.document(export);
            return CtlExit.OK;
        }
        String exportId = export.path("export_id").asText();
        output.line("export " + exportId + ": " + export.path("status").asText());
        output.notice("Its progress, and once READY its archive_url: GET " + exports + "/" + exportId);
        return CtlExit.OK;
    }

    @Command(name = "verify", sortOptions = false, description = {"Checks a downloaded export archive (.zip) offline:"
            + " manifest.jws is an ES256 signature of manifest.json by a key of the JWK Set file, and every file the"
            + " manifest lists is in the archive with its SHA-256 and size (and no other file).",
        "Exit 0 valid, 1 invalid (the reason on stderr), 2 an unreadable archive or key file."})
    int verify(@Parameters(paramLabel = "<archive>", description = "The export archive.") Path archive,
               @Option(names = "--jwks", required = true, paramLabel = "<file>", description = "The JWK Set to trust,"
                       + " saved from " + CertificatesCommand.KEYS_PATH + ".") Path jwks) {
        JWKSet keys = keySet(jwks);
        Map<String, byte[]> digests = new LinkedHashMap<>();
        Map<String, Long> sizes = new LinkedHashMap<>();
        byte[] manifestBytes = null;
        String signature = null;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                switch (entry.getName()) {
                    case "manifest.json" -> manifestBytes = zip.readAllBytes();
                    case "manifest.jws" -> signature = new String(zip.readAllBytes(), StandardCharsets.US_ASCII);
                    default -> {
                        // Streamed: an archive's files may be far larger than memory.
                        MessageDigest sha256 = sha256();
                        long size = digest(zip, sha256);
                        digests.put(entry.getName(), sha256.digest());
                        sizes.put(entry.getName(), size);
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw CtlFailure.usage("cannot read the archive " + archive + ": no such file");
        } catch (IOException e) {
            throw CtlFailure.usage("cannot read the archive " + archive + " as a ZIP: " + e.getMessage());
        }
        if (manifestBytes == null || signature == null) {
            return invalid("the archive holds no " + (manifestBytes == null ? "manifest.json" : "manifest.jws"));
        }
        try {
            ExportManifestVerifier.verify(manifestBytes, signature, keys);
        } catch (InvalidCertificateException e) {
            return invalid("manifest: " + e.getMessage());
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(manifestBytes);
        } catch (JacksonException e) {
            return invalid("the signed manifest.json is not JSON: " + e.getMessage());
        }
        int files = 0;
        for (JsonNode file : manifest.path("files")) {
            String name = file.path("name").asText();
            byte[] digest = digests.remove(name);
            if (digest == null) {
                return invalid(name + " is in the manifest but not in the archive");
            }
            if (!HexFormat.of().formatHex(digest).equals(file.path("sha256").asText())) {
                return invalid(name + ": its SHA-256 is not the manifest's (the file was altered)");
            }
            if (file.has("bytes") && sizes.get(name) != file.path("bytes").asLong()) {
                return invalid(name + ": " + sizes.get(name) + " bytes, the manifest says " + file.path("bytes").asLong());
            }
            files++;
        }
        if (!digests.isEmpty()) {
            return invalid("not in the manifest: " + String.join(", ", digests.keySet()));
        }
        Output output = ctl.output();
        String subject = manifest.hasNonNull("tenant_id") ? "tenant " + manifest.path("tenant_id").asText()
                : "user " + manifest.path("user_id").asText();
        if (output.json()) {
            ObjectNode result = JSON.createObjectNode().put("valid", true).put("files", files)
                    .put("generated_at", manifest.path("generated_at").asText());
            result.set("manifest", manifest);
            output.document(result);
            return CtlExit.OK;
        }
        output.line("valid: the manifest is signed and all " + files + " files match it (" + subject + ", generated "
                + manifest.path("generated_at").asText() + ")");
        return CtlExit.OK;
    }

    private int invalid(String reason) {
        Output output = ctl.output();
        if (output.json()) {
            output.document(JSON.createObjectNode().put("valid", false).put("reason", reason));
        }
        output.notice("invalid: " + reason);
        return CtlExit.FAILED;
    }

    private static long digest(InputStream in, MessageDigest sha256) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        for (int read; (read = in.read(buffer)) != -1; ) {
            sha256.update(buffer, 0, read);
            size += read;
        }
        return size;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private static JWKSet keySet(Path file) {
        try {
            return JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw CtlFailure.usage("cannot read the JWK Set file " + file + ": no such file");
        } catch (IOException e) {
            throw CtlFailure.usage("cannot read the JWK Set file " + file + ": " + e);
        } catch (ParseException e) {
            throw CtlFailure.usage("the JWK Set file " + file + " is not a JWK Set: " + e.getMessage());
        }
    }
}
