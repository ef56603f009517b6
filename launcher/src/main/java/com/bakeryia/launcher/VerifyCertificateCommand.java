package com.bakeryia.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.Callable;

import com.bakeryia.orchestrator.certificate.DeletionCertificateVerifier;
import com.bakeryia.orchestrator.certificate.InvalidCertificateException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWKSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code verify-certificate <file> --jwks <file>}: checks a signed deletion certificate offline,
 * against a JWK Set the caller chose to trust (saved from the orchestrator's
 * {@code /api/v1/deletion-certificates/jwks.json}, or kept since). Valid: the decoded claims as JSON
 * and {@code valid: signed by key <kid>} on stdout, exit 0. Invalid: {@code invalid: <reason>} on
 * stderr, exit 1. A file that cannot be read, or a JWK Set file that is not one: exit 2.
 */
@Command(name = "verify-certificate", sortOptions = false,
        description = {"Checks a signed deletion certificate offline: an ES256 signature by a key of the given JWK Set,"
                + " and every required claim.",
                "Exit 0: valid (claims printed); 1: invalid (the reason on stderr); 2: a usage error or an unreadable file."})
final class VerifyCertificateCommand implements Callable<Integer> {

    static final int VALID = 0;
    static final int INVALID = 1;
    static final int UNUSABLE_INPUT = 2;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Parameters(index = "0", paramLabel = "<file>",
            description = "The certificate: its compact JWS (surrounding whitespace is ignored).")
    Path certificate;

    @Option(names = "--jwks", required = true, paramLabel = "<file>",
            description = "The JWK Set to verify with, e.g. saved from /api/v1/deletion-certificates/jwks.json.")
    Path jwks;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String jws;
        JWKSet keys;
        try {
            jws = Files.readString(certificate, StandardCharsets.UTF_8).strip();
            keys = JWKSet.parse(Files.readString(jwks, StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("cannot read " + describe(e));
            return UNUSABLE_INPUT;
        } catch (ParseException e) {
            err.println("the JWK Set file " + jwks + " is not a JWK Set: " + e.getMessage());
            return UNUSABLE_INPUT;
        }
        Map<String, Object> claims;
        try {
            claims = DeletionCertificateVerifier.verify(jws, keys);
        } catch (InvalidCertificateException e) {
            err.println("invalid: " + e.getMessage());
            return INVALID;
        }
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(claims));
        out.println("valid: signed by key " + keyId(jws));
        return VALID;
    }

    /** The kid of a certificate that has just verified, so it parses. */
    private static String keyId(String jws) {
        try {
            return JWSObject.parse(jws).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new IllegalStateException("A verified certificate no longer parses", e);
        }
    }

    private static String describe(IOException e) {
        return e instanceof NoSuchFileException ? e.getMessage() + ": no such file" : e.toString();
    }
}
