package com.bakeryia.auth;

import java.time.Duration;
import java.util.Map;

import com.bakeryia.platform.apidocs.JsonWebKeySet;
import com.bakeryia.platform.security.PlatformJwtDecoders;
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
 * The auth service's public keys as a JWK Set: what every other process verifies tokens with.
 * Public (no token), public keys only; caches may keep it briefly, and verifiers fetch it again
 * when a token names a key they do not know.
 */
@Tag(name = "Authentication")
@RestController
class JwksController {

    /**
     * Short, so a rotation by any replica passes HTTP caches within a minute of reaching this one;
     * verifiers refetch on an unknown key id anyway.
     */
    static final Duration MAX_AGE = Duration.ofSeconds(30);

    private final SigningKeys keys;

    JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping(path = PlatformJwtDecoders.JWKS_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getTokenSigningKeys", summary = "The public keys that verify the platform's tokens (JWK Set, RFC 7517)")
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "The current signing key first, then retired keys whose tokens may"
            + " still be valid", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = JsonWebKeySet.class)))
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(MAX_AGE).cachePublic()).body(keys.publicKeys().toJSONObject(true));
    }
}
