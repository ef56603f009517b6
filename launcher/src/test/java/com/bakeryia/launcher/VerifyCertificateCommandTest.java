package com.bakeryia.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.bakeryia.orchestrator.certificate.CertificateKeys;
import com.bakeryia.orchestrator.certificate.DeletionCertificateSigner;
import com.bakeryia.orchestrator.certificate.SignedCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code verify-certificate} run in-process as the executable runs it, its streams captured. */
class VerifyCertificateCommandTest {

    static final Instant ISSUED_AT = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path directory;

    private SignedCertificate certificate;
    private Path jwks;

    @BeforeEach
    void signACertificate() throws Exception {
        CertificateKeys keys = CertificateKeys.inMemory(CertificateKeys.generate(ISSUED_AT));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("job_id", "5a7f2c1e-0b7d-4a53-9d55-2f1d8a0c6e11");
        claims.put("kind", "USER");
        claims.put("subject_id", "9e0f6b1a-3c2d-4e5f-8a9b-0c1d2e3f4a5b");
        claims.put("requested_at", "2026-03-01T11:00:00Z");
        claims.put("completed_at", "2026-03-01T11:59:30Z");
        claims.put("services", List.of(Map.of("service", "orders", "deleted", 12L)));
        claims.put("totals", Map.of("deleted", 12L));
        claims.put("verification", Map.of("passed", true));
        claims.put("audit_head", "sha256:4f1c0a9e");
        certificate = new DeletionCertificateSigner(keys, "bakery-ia").sign(claims, ISSUED_AT);
        jwks = Files.writeString(directory.resolve("jwks.json"), keys.publicKeys().toString());
    }

    @Test
    void aValidCertificateExitsZeroPrintingItsClaimsAndItsKey() throws Exception {
        Path file = Files.writeString(directory.resolve("certificate.jws"), "\n  " + certificate.jws() + "\n");

        Run run = run("verify-certificate", file.toString(), "--jwks", jwks.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        String[] lines = run.out().strip().split("\\R");
        assertThat(lines[lines.length - 1]).isEqualTo("valid: signed by key " + certificate.keyId());
        JsonNode claims = JsonMapper.builder().build()
                .readTree(run.out().substring(0, run.out().lastIndexOf("valid: ")));
        assertThat(claims.path("job_id").asText()).isEqualTo("5a7f2c1e-0b7d-4a53-9d55-2f1d8a0c6e11");
        assertThat(claims.path("services").get(0).path("deleted").asLong()).isEqualTo(12);
        assertThat(claims.path("iss").asText()).isEqualTo("bakery-ia");
        assertThat(claims.path("iat").asLong()).isEqualTo(ISSUED_AT.getEpochSecond());
        assertThat(lines.length).as("pretty-printed, one claim a line at least").isGreaterThan(12);
    }

    @Test
    void aFlippedByteExitsOneSayingWhy() throws Exception {
        String[] parts = certificate.jws().split("\\.");
        char[] payload = parts[1].toCharArray();
        payload[payload.length / 2] = payload[payload.length / 2] == 'A' ? 'B' : 'A';
        Path file = Files.writeString(directory.resolve("altered.jws"),
                parts[0] + "." + new String(payload) + "." + parts[2]);

        Run run = run("verify-certificate", file.toString(), "--jwks", jwks.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("invalid: bad signature");
    }

    @Test
    void aMissingCertificateFileExitsTwo() {
        Run run = run("verify-certificate", directory.resolve("absent.jws").toString(), "--jwks", jwks.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("absent.jws").contains("no such file");
    }

    @Test
    void aMissingJwksFileOrOptionOrAJwksThatIsNoneExitsTwo() throws Exception {
        Path file = Files.writeString(directory.resolve("certificate.jws"), certificate.jws());
        Path notJwks = Files.writeString(directory.resolve("not-jwks.json"), "{\"hello\": 1}");

        Run missingFile = run("verify-certificate", file.toString(), "--jwks", directory.resolve("none.json").toString());
        Run missingOption = run("verify-certificate", file.toString());
        Run notAKeySet = run("verify-certificate", file.toString(), "--jwks", notJwks.toString());

        assertThat(missingFile.exitCode()).isEqualTo(2);
        assertThat(missingOption.exitCode()).isEqualTo(2);
        assertThat(missingOption.err()).contains("--jwks");
        assertThat(notAKeySet.exitCode()).isEqualTo(2);
        assertThat(notAKeySet.err()).contains("not a JWK Set");
    }

    @Test
    void onlyAToolNameAsFirstArgumentBypassesThePlatform() {
        assertThat(Cli.handles(new String[] {"verify-certificate", "x"})).isTrue();
        assertThat(Cli.handles(new String[] {})).isFalse();
        assertThat(Cli.handles(new String[] {"--targets=auth"})).isFalse();
        assertThat(Cli.handles(new String[] {"--server.port=0", "verify-certificate"})).isFalse();
    }

    /** {@code ctl certificates verify} checks with the same verifier; with --jwks it needs no platform and no credentials. */
    @Test
    void ctlVerifiesTheSameCertificateOfflineWithTheGivenKeys() throws Exception {
        Path file = Files.writeString(directory.resolve("certificate.jws"), certificate.jws() + "\n");
        String[] parts = certificate.jws().split("\\.");
        Path altered = Files.writeString(directory.resolve("altered.jws"), parts[0] + "." + parts[1] + "."
                + (parts[2].charAt(0) == 'A' ? 'B' : 'A') + parts[2].substring(1));
        CtlRunner ctl = CtlRunner.against("http://127.0.0.1:" + PlatformProcess.freePort(), Map.of());

        CtlRunner.Result valid = ctl.run("certificates", "verify", file.toString(), "--jwks", jwks.toString());
        CtlRunner.Result asJson = ctl.run("--json", "certificates", "verify", file.toString(), "--jwks", jwks.toString());
        CtlRunner.Result invalid = ctl.run("--json", "certificates", "verify", altered.toString(), "--jwks", jwks.toString());
        CtlRunner.Result missing = ctl.run("certificates", "verify", directory.resolve("absent.jws").toString(),
                "--jwks", jwks.toString());

        assertThat(valid.exitCode()).as(valid.toString()).isZero();
        assertThat(valid.out()).startsWith("valid: signed by key " + certificate.keyId())
                .contains("5a7f2c1e-0b7d-4a53-9d55-2f1d8a0c6e11").containsPattern("Rows deleted +12");
        assertThat(asJson.json().path("valid").asBoolean()).isTrue();
        assertThat(asJson.json().path("key_id").asText()).isEqualTo(certificate.keyId());
        assertThat(asJson.json().path("claims").path("subject_id").asText()).isEqualTo("9e0f6b1a-3c2d-4e5f-8a9b-0c1d2e3f4a5b");
        assertThat(invalid.exitCode()).as(invalid.toString()).isEqualTo(1);
        assertThat(invalid.json().path("valid").asBoolean()).isFalse();
        assertThat(invalid.err()).startsWith("invalid: bad signature");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(2);
        assertThat(missing.err()).contains("absent.jws: no such file");
    }

    @Test
    void helpExitsZero() {
        Run run = run("verify-certificate", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("verify-certificate", "--jwks");
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Cli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
