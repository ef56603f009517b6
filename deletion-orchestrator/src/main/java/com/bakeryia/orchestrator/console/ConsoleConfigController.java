package com.bakeryia.orchestrator.console;

import java.util.Map;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /console/config.json}: {@code {"auth_url": "..."}}, where the console's pages sign in
 * (empty: this origin). Part of the console, not of the API, so it is left out of the API document.
 */
@Hidden
@RestController
class ConsoleConfigController {

    private final ConsoleSignIn signIn;

    ConsoleConfigController(ConsoleSignIn signIn) {
        this.signIn = signIn;
    }

    @GetMapping(path = ConsoleConfiguration.CONFIG_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, String> config() {
        return Map.of("auth_url", signIn.authUrl());
    }
}
