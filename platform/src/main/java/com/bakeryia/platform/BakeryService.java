package com.bakeryia.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Declares a service module on its configuration class. The platform then gives the service
 * its own {@link com.bakeryia.platform.data.ServiceDatabase} (qualified by the service name),
 * applies the migrations under {@code classpath:db/migration/<schema>} to its schema, and adds
 * a health component named after the service.
 *
 * <p>Inject the service's database with {@code @Qualifier("<name>") ServiceDatabase}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(ServiceModuleRegistrar.class)
public @interface BakeryService {

    /** The service name as used in targets, URLs and health, for example {@code alert-processor}. */
    String value();

    /** The PostgreSQL schema it owns; default: the name with dashes as underscores. */
    String schema() default "";
}
