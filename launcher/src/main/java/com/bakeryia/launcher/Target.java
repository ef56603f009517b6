package com.bakeryia.launcher;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.bakeryia.alertprocessor.AlertProcessorServiceConfiguration;
import com.bakeryia.auth.AuthServiceConfiguration;
import com.bakeryia.external.ExternalServiceConfiguration;
import com.bakeryia.forecasting.ForecastingServiceConfiguration;
import com.bakeryia.inventory.InventoryServiceConfiguration;
import com.bakeryia.notification.NotificationServiceConfiguration;
import com.bakeryia.orders.OrdersServiceConfiguration;
import com.bakeryia.pos.PosServiceConfiguration;
import com.bakeryia.production.ProductionServiceConfiguration;
import com.bakeryia.recipes.RecipesServiceConfiguration;
import com.bakeryia.sales.SalesServiceConfiguration;
import com.bakeryia.suppliers.SuppliersServiceConfiguration;
import com.bakeryia.tenant.TenantServiceConfiguration;
import com.bakeryia.training.TrainingServiceConfiguration;

/**
 * The one list of targets, sorted by name, each with the services it calls. A dependency that
 * does not run in the same process is reached over HTTP at {@code bakery.services.<name>.url}.
 * Adding a service is one module and one line here.
 */
enum Target {

    ALERT_PROCESSOR("alert-processor", AlertProcessorServiceConfiguration.class, "auth", "tenant"),
    AUTH("auth", AuthServiceConfiguration.class, "tenant"),
    EXTERNAL("external", ExternalServiceConfiguration.class, "auth", "tenant"),
    FORECASTING("forecasting", ForecastingServiceConfiguration.class, "auth", "tenant"),
    INVENTORY("inventory", InventoryServiceConfiguration.class, "auth", "tenant"),
    NOTIFICATION("notification", NotificationServiceConfiguration.class, "auth", "tenant"),
    ORDERS("orders", OrdersServiceConfiguration.class, "auth", "tenant"),
    POS("pos", PosServiceConfiguration.class, "auth", "tenant"),
    PRODUCTION("production", ProductionServiceConfiguration.class, "auth", "tenant"),
    RECIPES("recipes", RecipesServiceConfiguration.class, "auth", "tenant"),
    SALES("sales", SalesServiceConfiguration.class, "auth", "tenant"),
    SUPPLIERS("suppliers", SuppliersServiceConfiguration.class, "auth", "tenant"),
    TENANT("tenant", TenantServiceConfiguration.class, "auth"),
    TRAINING("training", TrainingServiceConfiguration.class, "auth", "tenant");

    /** The group that runs every target. */
    static final String ALL = "all";

    private final String targetName;
    private final Class<?> configuration;
    private final List<String> dependencies;

    Target(String targetName, Class<?> configuration, String... dependencies) {
        this.targetName = targetName;
        this.configuration = configuration;
        this.dependencies = List.of(dependencies);
    }

    String targetName() {
        return targetName;
    }

    Class<?> configuration() {
        return configuration;
    }

    List<String> dependencies() {
        return dependencies;
    }

    static Optional<Target> named(String name) {
        return Arrays.stream(values()).filter(target -> target.targetName.equals(name)).findFirst();
    }

    /** Every valid name a user may give, groups included. */
    static List<String> validNames() {
        var names = new java.util.ArrayList<String>();
        names.add(ALL);
        Arrays.stream(values()).map(Target::targetName).forEach(names::add);
        return names;
    }
}
