package com.bakeryia.launcher.ctl;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who {@code ctl} acts as: a bearer token as it is, an operator's login, or a service client. Never
 * taken from the command line, where shell history and the process list would keep them. Where
 * they come from, the first that is there (the AWS CLI's order: what the command line names, then
 * the environment, then a file the environment names):
 *
 * <ol>
 *   <li>the file {@code --credentials-file} names;</li>
 *   <li>{@code BAKERY_TOKEN};</li>
 *   <li>{@code BAKERY_EMAIL} and {@code BAKERY_PASSWORD} (an operator);</li>
 *   <li>{@code BAKERY_CLIENT_ID} and {@code BAKERY_CLIENT_SECRET} (a service client);</li>
 *   <li>the file {@code BAKERY_CREDENTIALS_FILE} names.</li>
 * </ol>
 *
 * A credentials file is in properties format with the same keys in lower case ({@code token}, or
 * {@code email} and {@code password}, or {@code client_id} and {@code client_secret}) and, on a POSIX
 * file system, must be accessible by its owner only, as ssh requires of a private key.
 */
sealed interface Credentials {

    Set<String> FILE_KEYS = Set.of("token", "email", "password", "client_id", "client_secret");

    String MISSING = "no credentials: set BAKERY_TOKEN (a bearer token), or BAKERY_EMAIL and BAKERY_PASSWORD"
            + " (an operator's login), or BAKERY_CLIENT_ID and BAKERY_CLIENT_SECRET (a service client), or name a"
            + " file of those keys in lower case (token=, email= and password=, or client_id= and client_secret=;"
            + " chmod 600) with --credentials-file or BAKERY_CREDENTIALS_FILE. Credentials are never taken from the"
            + " command line.";

    /** Where these credentials came from and whose they are, for messages; never the secret. */
    String describe();

    /** A bearer token used as it is: it cannot be renewed when it expires. */
    record BearerToken(String token, String source) implements Credentials {

        @Override
        public String describe() {
            return "the token in " + source;
        }
    }

    /** An operator's e-mail address and password, exchanged for a user token at {@code /api/v1/auth/login}. */
    record OperatorLogin(String email, String password, String source) implements Credentials {

        @Override
        public String describe() {
            return "the login of " + email + " (" + source + ")";
        }
    }

    /** A service client, exchanged for a service token at {@code /api/v1/auth/service-token}. */
    record ServiceClient(String clientId, String clientSecret, String source) implements Credentials {

        @Override
        public String describe() {
            return "the service client " + clientId + " (" + source + ")";
        }
    }

    /**
     * The credentials to use, from the file named on the command line ({@code explicitFile}, may be
     * null), the environment, or the file the environment names.
     *
     * @throws CtlFailure (exit 2) when there are none, only half of a pair, or a file that cannot be
     *                    read, is open to others, or holds anything else
     */
    static Credentials resolve(CtlConsole console, Path explicitFile) {
        if (explicitFile != null) {
            return fromFile(explicitFile);
        }
        String token = console.variable("BAKERY_TOKEN");
        if (token != null) {
            return new BearerToken(token.strip(), "BAKERY_TOKEN");
        }
        Credentials pair = pair(console.variable("BAKERY_EMAIL"), console.variable("BAKERY_PASSWORD"),
                console.variable("BAKERY_CLIENT_ID"), console.variable("BAKERY_CLIENT_SECRET"), "the environment",
                "BAKERY_EMAIL", "BAKERY_PASSWORD", "BAKERY_CLIENT_ID", "BAKERY_CLIENT_SECRET");
        if (pair != null) {
            return pair;
        }
        String file = console.variable("BAKERY_CREDENTIALS_FILE");
        if (file != null) {
            return fromFile(Path.of(file));
        }
        throw CtlFailure.usage(MISSING);
    }

    /** An operator login or a service client from one source, null when neither is there; half a pair is an error. */
    private static Credentials pair(String email, String password, String clientId, String clientSecret, String source,
                                    String emailName, String passwordName, String clientIdName, String clientSecretName) {
        if (email != null || password != null) {
            requireBoth(email, emailName, passwordName, source);
            requireBoth(password, passwordName, emailName, source);
            return new OperatorLogin(email.strip(), password, source);
        }
        if (clientId != null || clientSecret != null) {
            requireBoth(clientId, clientIdName, clientSecretName, source);
            requireBoth(clientSecret, clientSecretName, clientIdName, source);
            return new ServiceClient(clientId.strip(), clientSecret.strip(), source);
        }
        return null;
    }

    private static void requireBoth(String value, String name, String other, String source) {
        if (value == null) {
            throw CtlFailure.usage(other + " is set in " + source + " but " + name + " is not: set both");
        }
    }

    private static Credentials fromFile(Path file) {
        String source = "credentials file " + file;
        Properties keys = new Properties();
        try {
            requirePrivate(file);
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                keys.load(reader);
            }
        } catch (NoSuchFileException e) {
            throw CtlFailure.usage("cannot read " + source + ": no such file");
        } catch (IOException | IllegalArgumentException e) {
            throw CtlFailure.usage("cannot read " + source + ": " + e.getMessage());
        }
        Set<String> unknown = new TreeSet<>(keys.stringPropertyNames());
        unknown.removeAll(FILE_KEYS);
        if (!unknown.isEmpty()) {
            throw CtlFailure.usage(source + " has unknown keys " + unknown + "; the keys are token, or email and password,"
                    + " or client_id and client_secret");
        }
        String token = blankToNull(keys.getProperty("token"));
        if (token != null) {
            return new BearerToken(token.strip(), source);
        }
        Credentials pair = pair(blankToNull(keys.getProperty("email")), blankToNull(keys.getProperty("password")),
                blankToNull(keys.getProperty("client_id")), blankToNull(keys.getProperty("client_secret")), source,
                "email", "password", "client_id", "client_secret");
        if (pair == null) {
            throw CtlFailure.usage(source + " holds no credentials: token=, or email= and password=, or client_id= and"
                    + " client_secret=");
        }
        return pair;
    }

    /** Refuses a file that its group or others may read, write or run (ssh's rule for private keys). */
    private static void requirePrivate(Path file) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException notPosix) {
            return;
        }
        Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
        open.addAll(permissions);
        open.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        if (!open.isEmpty()) {
            throw CtlFailure.usage("credentials file " + file + " is open to others (" + PosixFilePermissions.toString(permissions)
                    + "); it must be readable by its owner only: chmod 600 " + file);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
