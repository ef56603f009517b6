package com.bakeryia.platform;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.bakeryia.platform.apidocs.ApiDocsConfiguration;
import com.bakeryia.platform.events.EventOutboxController;
import com.bakeryia.platform.events.EventsProperties;
import com.bakeryia.platform.events.RabbitEventBroker;
import com.bakeryia.platform.config.BakeryProperties;
import com.bakeryia.platform.keys.KeyEncryptionKey;
import com.bakeryia.platform.keys.KeysProperties;
import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.data.ServiceDatabases;
import com.bakeryia.platform.deletion.DeletionController;
import com.bakeryia.platform.deletion.ExportRowsController;
import com.bakeryia.platform.deletion.LocalExportSources;
import com.bakeryia.platform.deletion.DataServices;
import com.bakeryia.platform.deletion.DeletionPlan;
import com.bakeryia.platform.deletion.DeletionProperties;
import com.bakeryia.platform.deletion.LocalDeletionParticipants;
import com.bakeryia.platform.demodata.DemoDataController;
import com.bakeryia.platform.tenancy.RemoteTenantDirectory;
import com.bakeryia.platform.tenancy.TenancyProperties;
import com.bakeryia.platform.tenancy.TenantAccessGuard;
import com.bakeryia.platform.tenancy.TenantDirectory;
import com.bakeryia.platform.tenancy.RemoteUserMemberships;
import com.bakeryia.platform.tenancy.UserMemberships;
import com.bakeryia.platform.remote.CredentialExchangeTokenSource;
import com.bakeryia.platform.remote.RemoteServices;
import com.bakeryia.platform.remote.ServiceTokenSource;
import com.bakeryia.platform.retention.Country;
import com.bakeryia.platform.retention.RetentionCatalogue;
import com.bakeryia.platform.retention.TenantRetention;
import com.bakeryia.platform.tenancy.TenantAccess;
import com.bakeryia.platform.retention.RetentionProperties;
import com.bakeryia.platform.security.CorsProperties;
import com.bakeryia.platform.security.PlatformSecurityConfiguration;
import com.bakeryia.platform.security.SecurityProperties;
import com.bakeryia.platform.security.ServiceClientCredentials;
import com.bakeryia.platform.security.ServiceClientProperties;
import com.bakeryia.platform.identity.RemoteUserDirectory;
import com.bakeryia.platform.identity.UserDirectory;
import com.bakeryia.platform.web.ProblemDetailsAdvice;
import com.bakeryia.platform.web.ProblemWriter;
import com.bakeryia.platform.web.RateLimits;
import com.bakeryia.platform.web.RequestBodyLimitFilter;
import com.bakeryia.platform.web.RequestIdFilter;
import com.bakeryia.platform.web.RequestLimits;
import com.bakeryia.platform.web.ServiceInfoController;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Scope;
import org.springframework.core.Ordered;
import org.springframework.web.client.RestClient;

/** Wires the platform into any application that runs one or more {@link BakeryService}s. */
@AutoConfiguration(beforeName = {
        // Before WebMvc, so its fallback ProblemDetailsExceptionHandler sees ProblemDetailsAdvice and stays out:
        // otherwise it answers validation errors first, without naming the fields.
        "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
        // Before Jackson, so the mapper is built on the factory with the parser caps (jsonMapperBuilder below).
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@EnableConfigurationProperties({BakeryProperties.class, SecurityProperties.class, CorsProperties.class, DeletionProperties.class,
        TenancyProperties.class, ServiceClientProperties.class, RequestLimits.class, RateLimits.class, RetentionProperties.class,
        KeysProperties.class, EventsProperties.class})
@Import({PlatformSecurityConfiguration.class, ApiDocsConfiguration.class, ProblemDetailsAdvice.class, ServiceInfoController.class,
        DeletionController.class, ExportRowsController.class, DemoDataController.class,
        EventOutboxController.class})
public class PlatformAutoConfiguration {

    /** The retention rules of this process: the bundled (or configured) catalogue with the operator's overrides. */
    @Bean
    RetentionCatalogue retentionCatalogue(RetentionProperties properties) {
        return RetentionCatalogue.of(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The broker every outbox relay of this process publishes to, when {@code bakery.events.broker-url}
     * is set; without it relays stay idle and their outboxes keep the events.
     */
    @Bean
    @ConditionalOnExpression("!'${bakery.events.broker-url:}'.isBlank()")
    RabbitEventBroker rabbitEventBroker(EventsProperties properties) {
        return new RabbitEventBroker(properties);
    }

    @Bean
    ServiceDatabases serviceDatabases(BakeryProperties properties, ObjectProvider<MeterRegistry> meterRegistry) {
        return new ServiceDatabases(properties, meterRegistry);
    }

    @Bean
    ProblemWriter problemWriter(JsonMapper jsonMapper) {
        return new ProblemWriter(jsonMapper);
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Second only to the request id (so a refusal carries it), ahead of security and of any parsing. */
    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(RequestLimits limits, ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(limits, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * Spring Boot's JSON mapper builder, with every customizer applied as Boot would, but on a
     * factory that carries the parser caps of {@code bakery.limits.json}: Jackson 3 fixes the stream
     * factory when the builder is created, so a customizer cannot add them. Replaces Boot's
     * {@code jsonMapperBuilder} (conditional on a missing builder), and so its {@code JsonMapper} too.
     */
    @Bean
    @Scope("prototype")
    @ConditionalOnMissingBean
    JsonMapper.Builder jsonMapperBuilder(RequestLimits limits, List<JsonMapperBuilderCustomizer> customizers) {
        RequestLimits.Json caps = limits.json();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(caps.maxNestingDepth())
                        .maxStringLength(caps.maxStringLength())
                        .maxNumberLength(caps.maxNumberLength())
                        .maxNameLength(caps.maxNameLength())
                        .maxDocumentLength(caps.maxDocumentLength().toBytes())
                        .build())
                .build();
        JsonMapper.Builder builder = JsonMapper.builder(factory);
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder;
    }

    /** The platform's own service client (also accepted by the auth service without configuration). */
    /**
     * What seals the private signing keys kept in the database; created only where a target that
     * keeps keys runs (auth, the deletion orchestrator), so other processes neither need nor generate one.
     */
    @Bean
    @Lazy
    KeyEncryptionKey keyEncryptionKey(KeysProperties keys, BakeryProperties properties) {
        return KeyEncryptionKey.resolve(keys, properties);
    }

    @Bean
    ServiceClientCredentials serviceClientCredentials(ServiceClientProperties client, BakeryProperties properties) {
        return ServiceClientCredentials.resolve(client, properties.dataDir().resolve("keys").resolve("service-client-secret"));
    }

    /** Used when the auth service does not run in this process (it mints service tokens itself). */
    @Bean
    @ConditionalOnMissingBean(ServiceTokenSource.class)
    CredentialExchangeTokenSource credentialExchangeTokenSource(BakeryProperties properties,
            RestClient.Builder restClientBuilder, ServiceClientCredentials credentials, Clock clock) {
        return new CredentialExchangeTokenSource(properties, restClientBuilder, credentials, clock);
    }

    @Bean
    RemoteServices remoteServices(List<ServiceModule> modules, BakeryProperties properties, ServiceTokenSource tokens,
                                  RestClient.Builder restClientBuilder, Clock clock) {
        return new RemoteServices(modules, properties, tokens, restClientBuilder, clock);
    }

    /** Used when the auth service does not run in this process (it declares its own directory). */
    @Bean
    @ConditionalOnMissingBean(UserDirectory.class)
    RemoteUserDirectory remoteUserDirectory(RemoteServices remoteServices) {
        return new RemoteUserDirectory(remoteServices);
    }

    @Bean
    LocalDeletionParticipants localDeletionParticipants(List<DeletionPlan> plans,
            List<DeletionParticipant> customParticipants, List<ServiceDatabase> databases,
            DeletionProperties properties, Clock clock, TenantRetention retention) {
        return new LocalDeletionParticipants(plans, customParticipants, databases, properties, clock, retention);
    }

    /**
     * The rules a tenant's deletion keeps its records by: the catalogue's, for the country the tenant
     * service records for the tenant (asked lazily: the directory may be the tenant service's own
     * bean, or a remote one).
     */
    @Bean
    TenantRetention tenantRetention(RetentionCatalogue catalogue, RetentionProperties properties,
                                    ObjectProvider<TenantDirectory> directory) {
        return new TenantRetention(catalogue, properties.defaultCountry(), tenantId -> directory.getObject()
                .access(tenantId, TenantRetention.NOBODY).map(TenantAccess::country).filter(Country::isValid).map(Country::of));
    }

    /** The export sources of the services in this process, read by plan (see {@code SqlExportSource}). */
    @Bean
    LocalExportSources localExportSources(List<DeletionPlan> plans, List<ServiceDatabase> databases) {
        return new LocalExportSources(plans, databases);
    }

    /**
     * {@code bakery.deletion.chunk.gate.wait}: how often and how long long chunk statements of large
     * deletions waited for their turn at the chunk gate ({@code bakery.deletion.concurrent-chunks}).
     */
    @Bean
    MeterBinder chunkGateMeter(LocalDeletionParticipants participants) {
        return registry -> FunctionTimer.builder("bakery.deletion.chunk.gate.wait", participants,
                        local -> local.chunkGateWaits().waited(), local -> local.chunkGateWaits().total().toNanos(),
                        TimeUnit.NANOSECONDS)
                .description("Waits of deletion chunk statements for a turn at the chunk gate")
                .register(registry);
    }

    /**
     * Used when the launcher does not say which services own tenant data: the deletion plans the
     * engine runs here (a plan of a service with its own deletion code only declares its schema).
     */
    @Bean
    @ConditionalOnMissingBean(DataServices.class)
    DataServices localDataServices(List<DeletionPlan> plans) {
        return new DataServices(plans.stream().filter(DeletionPlan::engineRuns).map(DeletionPlan::service).toList());
    }

    /** Used when the tenant service does not run in this process (it declares its own). */
    @Bean
    @ConditionalOnMissingBean(UserMemberships.class)
    RemoteUserMemberships remoteUserMemberships(RemoteServices remoteServices) {
        return new RemoteUserMemberships(remoteServices);
    }

    /** Used when the tenant service does not run in this process (it declares its own directory). */
    @Bean
    @ConditionalOnMissingBean(TenantDirectory.class)
    RemoteTenantDirectory remoteTenantDirectory(RemoteServices remoteServices) {
        return new RemoteTenantDirectory(remoteServices);
    }

    @Bean
    TenantAccessGuard tenantAccessGuard(TenantDirectory directory, Clock clock, TenancyProperties properties) {
        return new TenantAccessGuard(directory, clock, properties.cacheTtl());
    }

    @Bean
    OpenAPI bakeryOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Bakery-IA platform API").version("v1")
                        .description("Tenants, users, the bakery services and their deletion."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
