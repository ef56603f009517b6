package com.bakeryia.platform.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's own service client: the id and secret every process of this deployment uses to
 * exchange for a service token at the auth service, which accepts this client without further
 * configuration. The secret comes from {@code bakery.service-client.secret} or, when unset, from a
 * file under the data directory that is generated once (readable by the owner only).
 */
public final class ServiceClientCredentials {

    private static final Logger log = LoggerFactory.getLogger(ServiceClientCredentials.class);

    private final String clientId;
    private final String secret;

    public ServiceClientCredentials(String clientId, String secret) {
        if (clientId == null || clientId.isBlank() || secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("A service client needs an id and a secret");
        }
        this.clientId = clientId;
        this.secret = secret;
    }

    /** The configured secret, else the one kept in {@code file} (generated when the file does not exist). */
    public static ServiceClientCredentials resolve(ServiceClientProperties properties, Path file) {
        String secret = properties.secret() != null && !properties.secret().isBlank()
                ? properties.secret() : loadOrCreate(file);
        return new ServiceClientCredentials(properties.id(), secret);
    }

    public String clientId() {
        return clientId;
    }

    public String secret() {
        return secret;
    }

    /** Whether the given pair is this client's, compared in constant time. */
    public boolean matches(String candidateId, String candidateSecret) {
        return clientId.equals(candidateId) && constantTimeEquals(secret, candidateSecret);
    }

    /** Compares two secrets without leaking through timing how much of them agrees. */
    public static boolean constantTimeEquals(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static String loadOrCreate(Path file) {
        OwnerOnlyFiles.Created read = OwnerOnlyFiles.readOrCreate(file, ServiceClientCredentials::newSecret);
        if (read.created()) {
            log.info("Generated the platform's service client secret in {}", file);
        }
        String secret = read.content().strip();
        if (secret.isEmpty()) {
            throw new IllegalStateException("Service client secret file " + file + " is empty");
        }
        return secret;
    }

    private static String newSecret() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
