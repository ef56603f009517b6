package com.bakeryia.launcher.ctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.orchestrator.certificate.DeletionCertificateVerifier;
import com.bakeryia.orchestrator.certificate.InvalidCertificateException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWKSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code ctl certificates fetch|verify}: a completed job's signed deletion certificate. */
@Command(name = "certificates", synopsisSubcommandLabel = "<command>",
        description = "Deletion certificates: fetch a completed job's, verify one against the platform's certificate keys.")
final class CertificatesCommand extends CommandGroup {

    static final String KEYS_PATH = "/api/v1/deletion-certificates/jwks.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    enum Format { JWS, JSON }

    @Command(name = "fetch", sortOptions = false, description = {"A completed job's certificate (exit 3 until the job"
            + " completes): the compact JWS (--format jws, the default) or the JWS with its decoded claims (--format json,"
            + " and always with --json).", "Written to stdout, or to the file -o names."})
    int fetch(@Parameters(paramLabel = "<job_id>", converter = Arguments.Id.class) UUID jobId,
              @Option(names = {"-o", "--output"}, paramLabel = "<file>", description = "Write it to this file.") Path file,
              @Option(names = "--format", paramLabel = "jws|json", description = "jws (default) or json.") Format format) {
        if (ctl.output().json() && format == Format.JWS) {
            throw CtlFailure.usage("--json prints the certificate as JSON; leave out --format jws, or --json");
        }
        Format chosen = ctl.output().json() ? Format.JSON : format == null ? Format.JWS : format;
        PlatformClient.Answer answer = ctl.client().getAs("/api/v1/deletion-jobs/" + jobId + "/certificate",
                chosen == Format.JWS ? "application/jose" : PlatformClient.JSON_TYPE);
        String text = chosen == Format.JWS ? answer.body().strip()
                : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer.json());
        if (file == null) {
            if (chosen == Format.JWS) {
                ctl.output().line(text);
            } else {
                // A document, not a line: its line feeds are the pretty printer's, escaped they would not parse.
                ctl.output().document(answer.json());
            }
            return CtlExit.OK;
        }
        try {
            Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CtlFailure.usage("cannot write " + file + ": " + e);
        }
        ctl.output().notice("Wrote the certificate of job " + jobId + " to " + file + "; check it with: ctl certificates"
                + " verify " + file);
        return CtlExit.OK;
    }

    @Command(name = "verify", sortOptions = false, description = {"Checks a certificate (a .jws file, or the JSON of"
            + " fetch --format json): an ES256 signature by a key of the JWK Set, and every required claim.",
        "The keys come from --jwks, or else from the platform (" + KEYS_PATH + ", no credentials needed).",
        "Exit 0 valid (its claims printed), 1 invalid (the reason on stderr), 2 an unreadable file."})
    int verify(@Parameters(paramLabel = "<file>", description = "The certificate.") Path file,
               @Option(names = "--jwks", paramLabel = "<file>", description = "A JWK Set file to trust instead of the"
                       + " platform's keys, e.g. saved from " + KEYS_PATH + ".") Path jwks) {
        String jws = certificate(file);
        JWKSet keys = jwks != null ? keySet(read(jwks, "the JWK Set file"), "the JWK Set file " + jwks)
                : keySet(ctl.client().getPublic(KEYS_PATH).body(), "the platform's " + KEYS_PATH);
        Output output = ctl.output();
        ObjectNode result = JSON.createObjectNode();
        Map<String, Object> claims;
        try {
            claims = DeletionCertificateVerifier.verify(jws, keys);
        } catch (InvalidCertificateException e) {
            if (output.json()) {
                output.document(result.put("valid", false).put("reason", e.getMessage()));
            }
            output.notice("invalid: " + e.getMessage());
            return CtlExit.FAILED;
        }
        String keyId = keyId(jws);
        if (output.json()) {
            result.put("valid", true).put("key_id", keyId);
            result.set("claims", JSON.valueToTree(claims));
            output.document(result);
            return CtlExit.OK;
        }
        JsonNode claimed = JSON.valueToTree(claims);
        Table facts = Table.facts();
        facts.row("Job", claimed.path("job_id").asText());
        facts.row("Kind", claimed.path("kind").asText());
        facts.row("Subject", claimed.path("subject_id").asText());
        facts.row("Requested", Output.time(claimed.path("requested_at")));
        facts.row("Completed", Output.time(claimed.path("completed_at")));
        facts.row("Rows deleted", Table.text(claimed.path("totals").path("deleted").asLong()));
        facts.row("Rows anonymised", Table.text(claimed.path("totals").path("anonymised").asLong()));
        facts.row("Rows retained", Table.text(claimed.path("totals").path("retained").asLong()));
        facts.row("Issuer", claimed.path("iss").asText());
        facts.row("Audit head", claimed.path("audit_head").asText());
        output.line("valid: signed by key " + keyId);
        output.table(facts);
        output.notice("Is its audit head still in the audit trail? ctl audit verify --audit-head "
                + claimed.path("audit_head").asText());
        return CtlExit.OK;
    }

    /** The compact JWS in {@code file}: the file itself, or the {@code certificate} of fetch's JSON. */
    private static String certificate(Path file) {
        String text = read(file, "the certificate file").strip();
        if (!text.startsWith("{")) {
            return text;
        }
        try {
            JsonNode json = JSON.readTree(text);
            if (json.path("certificate").isString()) {
                return json.path("certificate").asText();
            }
        } catch (JacksonException notJson) {
            // Reported below, as any file that is neither form.
        }
        throw CtlFailure.usage(file + " is JSON without a \"certificate\": neither a .jws nor fetch's --format json");
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CtlFailure.usage("cannot read " + what + " " + file + ": no such file");
        } catch (IOException e) {
            throw CtlFailure.usage("cannot read " + what + " " + file + ": " + e);
        }
    }

    private static JWKSet keySet(String text, String what) {
        try {
            return JWKSet.parse(text);
        } catch (ParseException e) {
            throw CtlFailure.usage(what + " is not a JWK Set: " + e.getMessage());
        }
    }

    /** The kid of a certificate that has just verified, so it parses. */
    private static String keyId(String jws) {
        try {
            return JWSObject.parse(jws).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new IllegalStateException("A verified certificate no longer parses", e);
        }
    }
}
