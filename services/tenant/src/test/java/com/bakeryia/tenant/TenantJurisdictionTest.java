package com.bakeryia.tenant;

import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.retention.Country;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant's jurisdiction: given at creation (ISO 3166-1 alpha-2, either case), the platform's
 * default when absent, refused with a problem naming {@code country} when it is no country, shown
 * in the tenant's view; tenants from before get the default once and keep it.
 */
@SpringBootTest(classes = TenantTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "bakery.retention.default-country=FR")
class TenantJurisdictionTest {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("tenant")
    ServiceDatabase db;

    @Autowired
    Tenants tenants;

    ApiClient api;
    String user;

    @BeforeEach
    void registerUser() {
        api = ApiClient.onPort(port);
        user = TenantFixture.register(api, "founder", UUID.randomUUID().toString().substring(0, 8)).accessToken();
    }

    @Test
    void aTenantIsCreatedInTheCountryGivenAndShowsIt() {
        var created = api.post("/api/v1/tenants", user, Map.of("name", "Bäckerei", "country", "de"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("country").asText()).isEqualTo("DE");
        var read = api.get("/api/v1/tenants/" + created.json().path("id").asText(), user);
        assertThat(read.json().path("country").asText()).isEqualTo("DE");
        assertThat(api.get("/api/v1/tenants", user).json().path("items").get(0).path("country").asText()).isEqualTo("DE");
    }

    @Test
    void aTenantCreatedWithoutCountryIsInTheDefaultOne() {
        var created = api.post("/api/v1/tenants", user, Map.of("name", "Boulangerie"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("country").asText()).isEqualTo("FR");
    }

    @Test
    void aCountryThatIsNotAnIsoCodeIsABadRequestNamingTheFieldAndCreatesNothing() {
        for (String country : new String[] {"XX", "Spain", "E", "", "UK", "1A"}) {
            var refused = api.post("/api/v1/tenants", user, Map.of("name", "Panadería", "country", country));

            assertThat(refused.status()).as(country).isEqualTo(400);
            assertThat(refused.isProblem()).as(country).isTrue();
            assertThat(refused.text()).as(country).contains("country");
        }
        assertThat(api.get("/api/v1/tenants", user).json().path("items").size()).isZero();
    }

    @Test
    void tenantsFromBeforeJurisdictionsGetTheDefaultOnceAndKeepIt() {
        UUID old = UUID.fromString(api.post("/api/v1/tenants", user, Map.of("name", "Old bakery")).json().path("id").asText());
        db.jdbc().update("update tenant.tenants set country = null where id = ?", old);  // as it was before the upgrade (other tests share this database)

        assertThat(tenants.assignCountryWhereMissing(Country.of("FR"))).isEqualTo(1);
        assertThat(tenants.assignCountryWhereMissing(Country.of("DE"))).isZero();

        assertThat(tenants.find(old).orElseThrow().country()).isEqualTo("FR");
    }
}
