package com.bakeryia.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.bakeryia.orchestrator.certificate.ExportManifestSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ctl exports verify} offline: an archive laid out as the platform writes it (files,
 * manifest.json with their SHA-256 and sizes, manifest.jws signed by {@link ExportManifestSigner}
 * with a P-256 key) is valid against a JWK Set file holding that key's public half, and refused
 * (exit 1, the reason on stderr) once its manifest or one of its files is altered, or against
 * another key; an unreadable key file is a usage error (exit 2). No platform is running: the
 * address given is never asked.
 */
class CtlExportsVerifyTest {

    private static final String TENANT = "3f0c2b9e-8d51-4c1a-a0a4-6f2e7b1d9c35";

    @TempDir
    Path directory;

    private final CtlRunner ctl = CtlRunner.against("http://127.0.0.1:9", Map.of());

    @Test
    void aSignedArchiveIsValidAndRefusedOnceAlteredOrAgainstAnotherKey() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("export-key-1").generate();
        Path jwks = Files.writeString(directory.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString());
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("orders/customers.ndjson", "{\"id\":1,\"name\":\"Cafe Sur\"}\n".getBytes(StandardCharsets.UTF_8));
        files.put("orders/customers.csv", "id,name\r\n1,Cafe Sur\r\n".getBytes(StandardCharsets.UTF_8));
        byte[] manifest = manifest(files);
        String signature = new ExportManifestSigner(() -> key).sign(manifest);

        Path valid = archive("valid.zip", files, manifest, signature);
        CtlRunner.Result ok = ctl.run("exports", "verify", valid.toString(), "--jwks", jwks.toString());
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("valid").contains("2 files").contains("tenant " + TENANT);
        CtlRunner.Result json = ctl.run("--json", "exports", "verify", valid.toString(), "--jwks", jwks.toString());
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.json().path("valid").asBoolean()).isTrue();
        assertThat(json.json().path("files").asInt()).isEqualTo(2);

        byte[] alteredManifest = new String(manifest, StandardCharsets.UTF_8).replace("\"rows\":1", "\"rows\":91")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(alteredManifest).isNotEqualTo(manifest);
        CtlRunner.Result manifestAltered = ctl.run("exports", "verify",
                archive("manifest-altered.zip", files, alteredManifest, signature).toString(), "--jwks", jwks.toString());
        assertThat(manifestAltered.exitCode()).as(manifestAltered.toString()).isEqualTo(1);
        assertThat(manifestAltered.err()).contains("invalid").contains("bad signature");

        Map<String, byte[]> alteredFiles = new LinkedHashMap<>(files);
        alteredFiles.put("orders/customers.csv", "id,name\r\n1,Cafe Norte\r\n".getBytes(StandardCharsets.UTF_8));
        CtlRunner.Result fileAltered = ctl.run("exports", "verify",
                archive("file-altered.zip", alteredFiles, manifest, signature).toString(), "--jwks", jwks.toString());
        assertThat(fileAltered.exitCode()).as(fileAltered.toString()).isEqualTo(1);
        assertThat(fileAltered.err()).contains("orders/customers.csv").contains("SHA-256");

        ECKey other = new ECKeyGenerator(Curve.P_256).keyID("export-key-1").generate();
        Path otherKeys = Files.writeString(directory.resolve("other.json"), new JWKSet(other.toPublicJWK()).toString());
        CtlRunner.Result otherKey = ctl.run("exports", "verify", valid.toString(), "--jwks", otherKeys.toString());
        assertThat(otherKey.exitCode()).as(otherKey.toString()).isEqualTo(1);
        assertThat(otherKey.err()).contains("bad signature");

        CtlRunner.Result noKeys = ctl.run("exports", "verify", valid.toString(), "--jwks",
                directory.resolve("missing.json").toString());
        assertThat(noKeys.exitCode()).as(noKeys.toString()).isEqualTo(2);
        assertThat(noKeys.err()).contains("no such file");
    }

    @Test
    void startAsksForATenantsOrAPersonsExportAndNeedsExactlyOneOfThem() {
        String export = "7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
        String user = "0d9e8f7a-6b5c-4d3e-9f1a-2b3c4d5e6f70";
        try (StubPlatform platform = new StubPlatform()) {
            platform.on("/api/v1/tenants/" + TENANT + "/exports", StubPlatform.Answer.json(202,
                    "{\"export_id\":\"" + export + "\",\"status\":\"QUEUED\"}"));
            platform.on("/api/v1/users/" + user + "/exports", StubPlatform.Answer.problem(409, "Account is DELETING.", Map.of()));
            CtlRunner withToken = CtlRunner.against(platform.url(), Map.of("BAKERY_TOKEN", "t"));

            CtlRunner.Result started = withToken.run("exports", "start", "--tenant", TENANT);
            assertThat(started.exitCode()).as(started.toString()).isZero();
            assertThat(started.out()).contains("export " + export + ": QUEUED");
            assertThat(started.err()).contains("/api/v1/tenants/" + TENANT + "/exports/" + export);
            assertThat(platform.requests("/api/v1/tenants/" + TENANT + "/exports")).singleElement()
                    .satisfies(request -> assertThat(request.method()).isEqualTo("POST"));

            CtlRunner.Result refused = withToken.run("exports", "start", "--user", user);
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(5);
            assertThat(refused.err()).contains("DELETING");

            CtlRunner.Result both = withToken.run("exports", "start", "--tenant", TENANT, "--user", user);
            assertThat(both.exitCode()).as(both.toString()).isEqualTo(2);
            assertThat(both.err()).contains("exactly one");
        }
    }

    private static byte[] manifest(Map<String, byte[]> files) throws Exception {
        StringBuilder listed = new StringBuilder();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            listed.append(listed.isEmpty() ? "" : ",").append("{\"name\":\"").append(file.getKey())
                    .append("\",\"rows\":1,\"bytes\":").append(file.getValue().length).append(",\"sha256\":\"")
                    .append(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file.getValue())))
                    .append("\"}");
        }
        return ("{\"format_version\":1,\"kind\":\"TENANT\",\"tenant_id\":\"" + TENANT
                + "\",\"generated_at\":\"2026-12-08T02:00:00Z\",\"files\":[" + listed + "]}").getBytes(StandardCharsets.UTF_8);
    }

    private Path archive(String name, Map<String, byte[]> files, byte[] manifest, String signature) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(manifest);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("manifest.jws"));
            zip.write(signature.getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        }
        return Files.write(directory.resolve(name), bytes.toByteArray());
    }
}
