package com.bakeryia.platform.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class BakeryDefaultsEnvironmentPostProcessorTest {

    private final BakeryDefaultsEnvironmentPostProcessor processor = new BakeryDefaultsEnvironmentPostProcessor();

    @Test
    void defaultsApplyBelowAnyExplicitSetting() {
        var environment = new MockEnvironment().withProperty("server.port", "9090");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("server.port")).isEqualTo("9090");
        assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
        assertThat(environment.getProperty("spring.jackson.property-naming-strategy")).isEqualTo("SNAKE_CASE");
    }

    @Test
    void logsArePlainTextWithoutProfileOrInTheDevProfile() {
        var plain = new MockEnvironment();
        var dev = new MockEnvironment();
        dev.setActiveProfiles("dev");

        processor.postProcessEnvironment(plain, new SpringApplication());
        processor.postProcessEnvironment(dev, new SpringApplication());

        assertThat(plain.getProperty("logging.structured.format.console")).isNull();
        assertThat(dev.getProperty("logging.structured.format.console")).isNull();
    }

    @Test
    void logsAreJsonWithTheFlagOrInAnyOtherProfile() {
        var flagged = new MockEnvironment().withProperty("logging.structured", "");
        var production = new MockEnvironment();
        production.setActiveProfiles("prod");
        var flagOff = new MockEnvironment().withProperty("logging.structured", "false");
        flagOff.setActiveProfiles("prod");

        processor.postProcessEnvironment(flagged, new SpringApplication());
        processor.postProcessEnvironment(production, new SpringApplication());
        processor.postProcessEnvironment(flagOff, new SpringApplication());

        assertThat(flagged.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(production.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(flagOff.getProperty("logging.structured.format.console")).isNull();
    }
}
