package com.bakeryia.platform;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.health.ServiceHealthIndicator;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers, for each {@link BakeryService}, the beans every service has: its module record, its
 * database and its health indicator. The health bean is named {@code <name>HealthIndicator}, so
 * the actuator shows it as a component named exactly after the service.
 */
class ServiceModuleRegistrar implements ImportBeanDefinitionRegistrar {

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        var attributes = metadata.getAnnotationAttributes(BakeryService.class.getName());
        if (attributes == null) {
            return;
        }
        String schema = (String) attributes.get("schema");
        ServiceModule module = schema.isEmpty() ? ServiceModule.named((String) attributes.get("value"))
                : new ServiceModule((String) attributes.get("value"), schema);
        String name = module.name();

        var moduleBean = new RootBeanDefinition(ServiceModule.class, () -> module);
        moduleBean.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
        registry.registerBeanDefinition(name + "Module", moduleBean);

        var database = new RootBeanDefinition(ServiceDatabase.class);
        database.setFactoryBeanName("serviceDatabases");
        database.setFactoryMethodName("open");
        database.getConstructorArgumentValues().addGenericArgumentValue(module);
        database.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
        registry.registerBeanDefinition(name + "Database", database);

        var health = new RootBeanDefinition(ServiceHealthIndicator.class);
        health.getConstructorArgumentValues().addGenericArgumentValue(
                new org.springframework.beans.factory.config.RuntimeBeanReference(name + "Database"));
        registry.registerBeanDefinition(name + "HealthIndicator", health);
    }
}
