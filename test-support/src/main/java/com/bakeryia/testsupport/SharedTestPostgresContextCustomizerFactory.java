package com.bakeryia.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every Spring test context at the JVM's shared test PostgreSQL and at a JVM-wide temporary
 * data directory (for generated keys), with the cheapest password hashing and no rate limits (a
 * suite registers and logs in thousands of users from 127.0.0.1), at the lowest precedence
 * so a test's own properties win.
 * One customizer for all tests, so context caching is not defeated.
 */
public class SharedTestPostgresContextCustomizerFactory implements ContextCustomizerFactory {

    private static final Path DATA_DIR = createDataDir();

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> attributes) {
        return new SharedPostgresCustomizer();
    }

    /** The temporary data directory shared by the test contexts of this JVM. */
    public static Path dataDir() {
        return DATA_DIR;
    }

    private static Path createDataDir() {
        try {
            Path dir = Files.createTempDirectory("bakery-test-data");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class SharedPostgresCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getEnvironment().getPropertySources().addLast(new MapPropertySource("sharedTestPostgres", Map.of(
                    "bakery.db.url", SharedTestPostgres.jdbcUrl(SharedTestPostgres.DEFAULT_DATABASE),
                    "bakery.db.username", SharedTestPostgres.username(),
                    "bakery.data-dir", DATA_DIR.toString(),
                    "server.port", "0",
                    // Tests register many users; the lowest BCrypt cost keeps that fast (production default: 10).
                    "bakery.auth.bcrypt-strength", "4",
                    // RateLimitFilterTest and RateLimitsOverHttpTest turn them on with small limits.
                    "bakery.rate-limits.enabled", "false")));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SharedPostgresCustomizer;
        }

        @Override
        public int hashCode() {
            return SharedPostgresCustomizer.class.hashCode();
        }
    }
}
