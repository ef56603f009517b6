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
import com.bakeryia.orchestrator.DeletionOrchestratorConfiguration;
import com.bakeryia.orders.OrdersServiceConfiguration;
import com.bakeryia.pos.PosServiceConfiguration;
import com.bakeryia.production.ProductionServiceConfiguration;
import com.bakeryia.recipes.RecipesServiceConfiguration;
import com.bakeryia.sales.SalesServiceConfiguration;
import com.bakeryia.suppliers.SuppliersServiceConfiguration;
import com.bakeryia.tenant.TenantServiceConfiguration;
import com.bakeryia.training.TrainingServiceConfiguration;

/**
 * The one list of targets, sorted by name, each with its role and the services it calls. A
 * dependency that does not run in the same process is reached over HTTP at
 * {@code bakery.services.<name>.url}. Adding a service is one module and one line here: its role
 * says what deletion jobs do with it, so the orchestrator (which calls every other target) and the
 * demo data generator learn of it from this list.
 */
enum Target {

    ALERT_PROCESSOR("alert-processor", AlertProcessorServiceConfiguration.class, Role.DATA),
    AUTH("auth", AuthServiceConfiguration.class, Role.IDENTITY),
    DELETION_ORCHESTRATOR("deletion-orchestrator", DeletionOrchestratorConfiguration.class, Role.DELETION),
    EXTERNAL("external", ExternalServiceConfiguration.class, Role.DATA),
    FORECASTING("forecasting", ForecastingServiceConfiguration.class, Role.DATA),
    INVENTORY("inventory", InventoryServiceConfiguration.class, Role.DATA),
    NOTIFICATION("notification", NotificationServiceConfiguration.class, Role.DATA),
    ORDERS("orders", OrdersServiceConfiguration.class, Role.DATA),
    POS("pos", PosServiceConfiguration.class, Role.DATA),
    PRODUCTION("production", ProductionServiceConfiguration.class, Role.DATA),
    RECIPES("recipes", RecipesServiceConfiguration.class, Role.DATA),
    SALES("sales", SalesServiceConfiguration.class, Role.DATA),
    SUPPLIERS("suppliers", SuppliersServiceConfiguration.class, Role.DATA),
    TENANT("tenant", TenantServiceConfiguration.class, Role.TENANCY),
    TRAINING("training", TrainingServiceConfiguration.class, Role.DATA);

    /**
     * What a target is to the others; its dependencies follow from it. Every call between targets
     * goes one way: data services ask identity and tenancy; tenancy asks identity; the deletion
     * orchestrator asks every other target and no target asks it.
     */
    enum Role {
        /** Users and tokens (auth): the user record is the last step of a user's deletion. */
        IDENTITY,
        /** Tenants and memberships: the tenant record is the last step of a tenant's deletion. */
        TENANCY,
        /** Owns tenant data: every deletion job deletes and verifies in it. */
        DATA,
        /** The deletion orchestrator: calls every participant. */
        DELETION
    }
    /** The group that runs every target. */
    static final String ALL = "all";

    private final String targetName;
    private final Class<?> configuration;
    private final Role role;

    Target(String targetName, Class<?> configuration, Role role) {
        this.targetName = targetName;
        this.configuration = configuration;
        this.role = role;
    }

    String targetName() {
        return targetName;
    }

    Class<?> configuration() {
        return configuration;
    }

    Role role() {
        return role;
    }

    /** The targets this one calls, by name, sorted. */
    List<String> dependencies() {
        return Arrays.stream(values()).filter(other -> other != this && calls(other.role)).map(Target::targetName).toList();
    }

    private boolean calls(Role other) {
        return switch (role) {
            case IDENTITY -> false;
            case TENANCY -> other == Role.IDENTITY;
            case DATA -> other == Role.IDENTITY || other == Role.TENANCY;
            case DELETION -> other != Role.DELETION;
        };
    }

    /** The services that own tenant data: the DELETE and VERIFY steps of every deletion job. */
    static List<String> dataServices() {
        return Arrays.stream(values()).filter(target -> target.role == Role.DATA).map(Target::targetName).toList();
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
