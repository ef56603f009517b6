package com.bakeryia.launcher;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.SharedTestPostgres;
import com.bakeryia.testsupport.SharedTestPostgresContextCustomizerFactory;
import com.bakeryia.testsupport.mail.EmlFiles;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bakery.auth.operators} makes the accounts of the addresses it names OPERATORs, once they
 * verified the address (by the link in the mail, here an {@code .eml} file), for as long as it names them: the setting is read whenever an account is read and never copied into it, so a
 * restart without the address revokes the role, and the same unexpired token is refused on its next
 * request. One process runs auth, tenant and the deletion orchestrator on a database of its own (the
 * data services' URLs lead nowhere: no job runs here), started twice on it.
 */
class OperatorsByConfigurationTest {

    private static final String DATABASE = "operators_by_configuration";

    @Test
    void anAddressNamedInTheSettingIsAnOperatorInAnyCaseUntilARestartWithoutIt() {
        String email = "ops.lead-" + UUID.randomUUID().toString().substring(0, 8) + "@bakery.test";
        TenantFixture.Member lead;
        try (ConfigurableApplicationContext named = start("--bakery.auth.operators=someone@bakery.test,"
                + email.toUpperCase(java.util.Locale.ROOT))) {
            ApiClient api = api(named);
            api.post("/api/v1/auth/register", null, Map.of("email", email, "password", TenantFixture.PASSWORD,
                    "full_name", "Ops Lead"));
            ApiClient.Response login = api.post("/api/v1/auth/login", null,
                    Map.of("email", email, "password", TenantFixture.PASSWORD));
            String token = login.json().path("access_token").asText();
            UUID id = UUID.fromString(api.get("/api/v1/users/me", token).json().path("id").asText());
            lead = new TenantFixture.Member(id, email, token, login.json().path("refresh_token").asText());
            String service = named.getBean(JwtTokens.class).issueServiceToken("ops").value();
            assertThat(roles(api.get("/api/v1/users/me", lead.accessToken()))).as("not before the address is verified")
                    .isEmpty();

            // No SMTP server configured: the verification mail is an .eml file in <data-dir>/mail.
            URI link = URI.create(EmlFiles.awaitLink(SharedTestPostgresContextCustomizerFactory.dataDir(), email, "http://"));
            assertThat(api.get(link.getRawPath() + "?" + link.getRawQuery(), null).status()).isEqualTo(200);

            assertThat(roles(api.get("/api/v1/users/me", lead.accessToken()))).containsExactly("OPERATOR");
            assertThat(api.get("/api/v1/deletion-jobs", lead.accessToken()).status()).isEqualTo(200);
            ApiClient.Response ungranted = api.put("/api/v1/users/" + lead.userId() + "/platform-roles", service,
                    Map.of("platform_roles", List.of()));
            assertThat(roles(ungranted)).as("a service cannot take away what configuration gives").containsExactly("OPERATOR");
            assertThat(api.get("/api/v1/deletion-jobs/stats", lead.accessToken()).status()).isEqualTo(200);
        }

        try (ConfigurableApplicationContext unnamed = start()) {
            ApiClient api = api(unnamed);

            ApiClient.Response refused = api.get("/api/v1/deletion-jobs", lead.accessToken());

            assertThat(refused.status()).as("the same token after the restart: %s", refused).isEqualTo(403);
            assertThat(refused.isProblem()).isTrue();
            assertThat(roles(api.get("/api/v1/users/me", lead.accessToken()))).isEmpty();
        }
    }

    private static ConfigurableApplicationContext start(String... more) {
        List<String> arguments = new ArrayList<>(List.of("--targets=auth,tenant,deletion-orchestrator", "--server.port=0",
                "--bakery.db.url=" + SharedTestPostgres.jdbcUrl(DATABASE),
                "--bakery.db.username=" + SharedTestPostgres.username(),
                // The signing keys stay where they are, so a token issued before the restart is still valid after it.
                "--bakery.data-dir=" + SharedTestPostgresContextCustomizerFactory.dataDir(),
                "--bakery.orchestrator.worker-enabled=false"));
        Target.dataServices().forEach(service -> arguments.add("--bakery.services." + service + ".url=http://127.0.0.1:9"));
        arguments.addAll(List.of(more));
        return new SpringApplicationBuilder(BakeryPlatformApplication.class).run(arguments.toArray(String[]::new));
    }

    private static ApiClient api(ConfigurableApplicationContext context) {
        return ApiClient.onPort(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
    }

    private static List<String> roles(ApiClient.Response account) {
        assertThat(account.status()).as(account.toString()).isEqualTo(200);
        return account.json().path("platform_roles").valueStream().map(JsonNode::asText).toList();
    }
}
