package com.bakeryia.platform.apidocs;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How the document describes a JWK Set (RFC 7517) answer, for the endpoints that serve one as the
 * JOSE library writes it ({@code @Content(schema = @Schema(implementation = JsonWebKeySet.class))}):
 * a client generated from the document reads the keys as typed objects. The members are those of
 * the public EC and RSA keys the platform signs with; a key may carry others (RFC 7517 allows it).
 */
@Schema(description = "A JWK Set (RFC 7517): public keys only")
public record JsonWebKeySet(@Schema(description = "The keys, the current signing key first") List<Key> keys) {

    /** One public key. */
    @Schema(name = "JsonWebKey", description = "A public key (RFC 7517); which members it has depends on kty")
    public record Key(
            @Schema(description = "Key type: EC or RSA", maxLength = 8) String kty,
            @Schema(description = "Key id, as a signature's kid header names it", maxLength = 200) String kid,
            @Schema(description = "Use: sig", maxLength = 8) String use,
            @Schema(description = "The algorithm it verifies: ES256 or RS256", maxLength = 16) String alg,
            @Schema(description = "EC: the curve (P-256)", maxLength = 16) String crv,
            @Schema(description = "EC: the x coordinate, base64url", maxLength = 1024) String x,
            @Schema(description = "EC: the y coordinate, base64url", maxLength = 1024) String y,
            @Schema(description = "RSA: the modulus, base64url", maxLength = 4096) String n,
            @Schema(description = "RSA: the public exponent, base64url", maxLength = 16) String e,
            @Schema(description = "When the key was made, in seconds since the epoch") Long iat,
            @Schema(description = "A retired key: when it stops verifying, in seconds since the epoch") Long exp) {
    }
}
