package com.bakeryia.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the platform's defaults ({@code bakery-defaults.properties}) at the lowest precedence, so
 * any configuration file, environment variable or argument overrides them, and switches console
 * logs to JSON (ECS) when {@code --logging.structured} is given or a profile other than
 * {@code dev} is active.
 */
public class BakeryDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String STRUCTURED_FLAG = "logging.structured";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(
                    new ResourcePropertySource("bakeryDefaults", new ClassPathResource("bakery-defaults.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (structuredLogging(environment)) {
            environment.getPropertySources().addFirst(new MapPropertySource("bakeryStructuredLogging",
                    Map.of("logging.structured.format.console", "ecs")));
        }
    }

    private static boolean structuredLogging(ConfigurableEnvironment environment) {
        String flag = environment.getProperty(STRUCTURED_FLAG);
        if (flag != null) {
            return flag.isBlank() || Boolean.parseBoolean(flag);
        }
        String[] profiles = environment.getActiveProfiles();
        return profiles.length > 0 && Arrays.stream(profiles).noneMatch("dev"::equals);
    }

    @Override
    public int getOrder() {
        // After config data is loaded (so profiles and flags are known), before logging starts.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
