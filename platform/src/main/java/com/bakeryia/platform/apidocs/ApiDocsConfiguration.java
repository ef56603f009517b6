package com.bakeryia.platform.apidocs;

import java.util.List;

import com.bakeryia.platform.security.PlatformSecurityConfiguration;
import com.bakeryia.platform.security.PublicPaths;
import com.bakeryia.platform.web.RequestLimits;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The document's beans: one source of truth each, read from what the runtime itself uses. */
@Configuration(proxyBeanMethods = false)
public class ApiDocsConfiguration {

    static {
        // A free-form JSON value (an external provider's answer) is any JSON, not a Jackson tree's getters.
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class,
                new Schema<>().description(ApiContract.ANY_JSON_VALUE));
    }

    /**
     * Schemas name properties as the application's mapper does (snake_case by
     * {@code spring.jackson.property-naming-strategy}), so the document says what is sent and read;
     * the schemas themselves are named by {@link SchemaNames}.
     */
    @Bean
    ModelConverter namingModelResolver(JsonMapper jsonMapper) {
        return new ModelResolver(Json.mapper().copy()
                .setPropertyNamingStrategy(NamingStrategies.documentedAs(jsonMapper)), new SchemaNames());
    }

    @Bean
    PropertyCustomizer signConstraints() {
        return new SignConstraints();
    }

    @Bean
    GlobalOperationCustomizer operationDefaults() {
        return new OperationDefaults();
    }

    @Bean
    GlobalOpenApiCustomizer apiContract(List<PublicPaths> publicPaths, RequestLimits limits) {
        return new ApiContract(PlatformSecurityConfiguration.publicPatterns(publicPaths), limits);
    }
}
