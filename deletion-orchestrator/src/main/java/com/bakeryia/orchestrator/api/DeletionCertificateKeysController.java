package com.bakeryia.orchestrator.api;

import java.time.Duration;
import java.util.Map;

import com.bakeryia.orchestrator.certificate.CertificateKeys;
import com.bakeryia.platform.apidocs.JsonWebKeySet;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public keys that verify deletion certificates, as a JWK Set: public (no token), public parts
 * only, every key that ever signed a certificate. Caches may keep it briefly; a verifier that meets
 * an unknown {@code kid} fetches it again.
 */
@RestController
@Tag(name = "Deletion certificates", description = "Signed proof that a deletion completed, verifiable by anyone")
class DeletionCertificateKeysController {

    static final String JWKS_PATH = "/api/v1/deletion-certificates/jwks.json";

    /** The JWK Set media type (RFC 7517, section 8.5). */
    static final String JWK_SET_JSON = "application/jwk-set+json";

    /**
     * Short, so a new key passes HTTP caches soon; a new key is published by every replica before any
     * certificate is signed with it.
     */
    static final Duration MAX_AGE = Duration.ofSeconds(30);

    private final CertificateKeys keys;

    DeletionCertificateKeysController(CertificateKeys keys) {
        this.keys = keys;
    }

    @GetMapping(path = JWKS_PATH, produces = {JWK_SET_JSON, MediaType.APPLICATION_JSON_VALUE})
    @Operation(operationId = "getCertificateSigningKeys", summary = "The public keys that verify deletion certificates (JWK Set, RFC 7517)",
            description = "ES256 (P-256) keys, the current signing key first. Retired keys stay for good, so every"
                    + " certificate ever issued keeps verifying; pick the key by the certificate's kid. Served as"
                    + " application/jwk-set+json, or application/json when asked for. Public: no token needed.")
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "The JWK Set; public parts only",
            content = {@Content(mediaType = JWK_SET_JSON, schema = @Schema(implementation = JsonWebKeySet.class)),
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = JsonWebKeySet.class))})
    @ApiResponse(responseCode = "429", description = "Too many requests from this client address"
            + " (bakery.rate-limits.per-address); Retry-After says when to try again",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(MAX_AGE).cachePublic()).body(keys.publicKeys().toJSONObject(true));
    }
}
