package com.bakeryia.launcher;

import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.DeferredImportSelector;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Imports the configuration of each target named by {@code bakery.targets} (or {@code --targets});
 * default {@code all}. Stops start-up when a name is unknown or a called service is neither local
 * nor given a URL.
 */
class TargetSelector implements DeferredImportSelector, EnvironmentAware, Ordered {

    private static final Logger log = LoggerFactory.getLogger(TargetSelector.class);

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    /** Before auto-configuration, so its conditions see the beans of the services that run here. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public String[] selectImports(AnnotationMetadata metadata) {
        String list = environment.getProperty("bakery.targets", environment.getProperty("targets", Target.ALL));
        TargetSelection selection = TargetSelection.parse(list);
        Set<String> missing = selection.remoteDependencies().stream()
                .filter(service -> !environment.containsProperty("bakery.services." + service + ".url"))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (!missing.isEmpty()) {
            throw new TargetSelection.MissingServiceUrlException(missing);
        }
        log.info("Running targets: {}", String.join(", ", selection.names()));
        return selection.configurationClassNames().toArray(String[]::new);
    }
}
