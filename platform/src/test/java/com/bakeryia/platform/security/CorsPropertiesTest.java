package com.bakeryia.platform.security;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@code bakery.security.cors.allowed-origins} takes: exact origins only, so a typo stops start-up instead of opening or silently closing the API. */
class CorsPropertiesTest {

    @Test
    void unsetOrBlankMeansNoCrossOriginCallsAtAll() {
        assertThat(new CorsProperties(null).enabled()).isFalse();
        assertThat(new CorsProperties(List.of(" ", "")).enabled()).isFalse();
    }

    @Test
    void exactOriginsAreTakenAsTheBrowserSendsThem() {
        CorsProperties cors = new CorsProperties(List.of(" https://console.example.com", "http://127.0.0.1:5173 "));

        assertThat(cors.enabled()).isTrue();
        assertThat(cors.allowedOrigins()).containsExactly("https://console.example.com", "http://127.0.0.1:5173");
    }

    @Test
    void anythingButAnExactOriginStopsStartUpNamingIt() {
        for (String bad : Arrays.asList("*", "https://*.example.com", "https://console.example.com/", "console.example.com",
                "https://console.example.com/app", "ftp://console.example.com", "https://Console.example.com",
                "https://user@console.example.com", "https://console.example.com?x=1")) {
            assertThatThrownBy(() -> new CorsProperties(List.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bakery.security.cors.allowed-origins").hasMessageContaining(bad);
        }
    }
}
