package com.bakeryia.platform.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The decoder of a process without the auth service, against a stand-in auth server (the JDK's
 * HTTP server) that publishes a key set: nothing is fetched before the first token, an
 * unreachable auth service refuses tokens as invalid, and verification starts once it answers.
 */
class RemoteJwksDecoderTest {

    private static final SecurityProperties SECURITY = new SecurityProperties(null, "bakery-auth",
            Duration.ofMinutes(15), Duration.ofMinutes(10), Duration.ofDays(90));
    private static final Clock CLOCK = Clock.systemUTC();

    private final AtomicInteger fetches = new AtomicInteger();
    private volatile JWKSet published;
    private HttpServer authServer;

    @AfterEach
    void stopAuthServer() {
        if (authServer != null) {
            authServer.stop(0);
        }
    }

    @Test
    void fetchesLazilyRefusesWhileAuthIsDownAndRecoversOnceItIsUp() throws Exception {
        JwtSigningKey authKey = JwtSigningKey.generate();
        int port = freePort();
        JwtDecoder decoder = PlatformJwtDecoders.fromAuthService(URI.create("http://127.0.0.1:" + port), SECURITY, CLOCK);
        String token = token(authKey);

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class)
                .hasMessage(PlatformJwtDecoders.UNVERIFIABLE);

        serveKeys(port, new JWKSet(authKey.publicKey()));
        assertThat(fetches).as("nothing fetched before the auth service was up").hasValue(0);

        assertThat(decoder.decode(token).getSubject()).isEqualTo("ops");
        assertThat(decoder.decode(token(authKey)).getSubject()).isEqualTo("ops");
        assertThat(fetches).as("the set is cached").hasValue(1);
    }

    @Test
    void aTokenFromANewlyRotatedKeyMakesTheDecoderFetchTheSetAgain() throws Exception {
        JwtSigningKey before = JwtSigningKey.generate();
        JwtSigningKey after = JwtSigningKey.generate();
        int port = freePort();
        serveKeys(port, new JWKSet(before.publicKey()));
        JwtDecoder decoder = PlatformJwtDecoders.fromAuthService(URI.create("http://127.0.0.1:" + port), SECURITY, CLOCK);
        assertThat(decoder.decode(token(before)).getSubject()).isEqualTo("ops");

        published = new JWKSet(java.util.List.of(after.publicKey(), before.publicKey()));

        assertThat(decoder.decode(token(after)).getSubject()).isEqualTo("ops");
        assertThat(decoder.decode(token(before)).getSubject()).isEqualTo("ops");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void tokensFromUnknownKeysAreRefusedAsInvalidWithoutAFetchEach() throws Exception {
        int port = freePort();
        serveKeys(port, new JWKSet(JwtSigningKey.generate().publicKey()));
        JwtDecoder decoder = PlatformJwtDecoders.fromAuthService(URI.create("http://127.0.0.1:" + port), SECURITY, CLOCK);

        // Keys made first: generating them can outlast the rate-limit interval on a busy machine.
        var forged = java.util.stream.Stream.generate(() -> token(JwtSigningKey.generate())).limit(5).toList();
        for (String token : forged) {
            assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class)
                    .hasMessage(PlatformJwtDecoders.UNKNOWN_KEY);
        }
        // The first fetch plus at most one refetch per rate-limit interval, not one per forged token.
        assertThat(fetches.get()).isBetween(1, 2);
    }

    private static String token(JwtSigningKey key) {
        return JwtTokens.sign(key, SECURITY.issuer(), PrincipalKind.SERVICE, "ops", CLOCK.instant(), Duration.ofMinutes(5))
                .value();
    }

    private void serveKeys(int port, JWKSet keys) throws Exception {
        published = keys;
        authServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        authServer.createContext(PlatformJwtDecoders.JWKS_PATH, exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        authServer.start();
    }

    private static int freePort() throws Exception {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
