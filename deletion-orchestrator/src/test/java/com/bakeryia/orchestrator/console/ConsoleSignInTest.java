package com.bakeryia.orchestrator.console;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the console signs in, in each deployment, and the policy that lets its pages call there. */
class ConsoleSignInTest {

    private static final ConsoleProperties UNSET = new ConsoleProperties(null);

    @Test
    void withAuthInThisProcessThePagesSignInAtThisOrigin() {
        ConsoleSignIn signIn = ConsoleSignIn.resolve(UNSET, true, null);

        assertThat(signIn.authUrl()).isEmpty();
        assertThat(signIn.otherOrigin()).isEmpty();
        assertThat(new ConsoleHeaders(signIn).policy()).contains("connect-src 'self';");
    }

    @Test
    void withAuthElsewhereThePagesSignInWhereThePlatformReachesIt() {
        ConsoleSignIn signIn = ConsoleSignIn.resolve(UNSET, false, URI.create("http://127.0.0.1:8081/"));

        assertThat(signIn.authUrl()).isEqualTo("http://127.0.0.1:8081");
        assertThat(new ConsoleHeaders(signIn).policy()).contains("connect-src 'self' http://127.0.0.1:8081;");
    }

    @Test
    void theConfiguredAddressWinsEvenWhenAuthRunsHere() {
        ConsoleProperties console = new ConsoleProperties(URI.create("https://identity.example.com/base/"));

        ConsoleSignIn signIn = ConsoleSignIn.resolve(console, true, URI.create("http://10.0.0.5:8081"));

        assertThat(signIn.authUrl()).isEqualTo("https://identity.example.com/base");
        assertThat(signIn.otherOrigin()).contains("https://identity.example.com");
        assertThat(new ConsoleHeaders(signIn).policy())
                .contains("connect-src 'self' https://identity.example.com;")
                .contains("script-src 'self';").contains("style-src 'self';").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe");
    }

    @Test
    void anAddressABrowserCannotCallStopsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> new ConsoleProperties(URI.create("identity.example.com")))
                .hasMessageContaining("bakery.console.auth-url must be an absolute http or https URL");
        assertThatThrownBy(() -> new ConsoleProperties(URI.create("ftp://identity.example.com")))
                .hasMessageContaining("bakery.console.auth-url");
        assertThatThrownBy(() -> new ConsoleProperties(URI.create("https://identity.example.com/?next=x")))
                .hasMessageContaining("no query, fragment or user info");
    }
}
