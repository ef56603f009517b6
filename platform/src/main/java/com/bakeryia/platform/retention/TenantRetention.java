package com.bakeryia.platform.retention;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The retention rules that apply to one tenant's records: the catalogue's rules of the tenant's
 * country, as the tenant service records it, or of {@code bakery.retention.default-country} when
 * the tenant service does not know one (a tenant record from before jurisdictions, or already gone).
 */
public final class TenantRetention {

    /** The user id a lookup of a tenant's country asks the tenant directory about: no one (no role comes back). */
    public static final UUID NOBODY = new UUID(0, 0);

    private final RetentionCatalogue catalogue;
    private final Country defaultCountry;
    private final Function<UUID, Optional<Country>> countryOf;

    /**
     * @param countryOf the tenant's country as the tenant service records it; asked while the
     *                  tenant still exists (a tenant deletion removes the tenant record last)
     */
    public TenantRetention(RetentionCatalogue catalogue, Country defaultCountry, Function<UUID, Optional<Country>> countryOf) {
        this.catalogue = catalogue;
        this.defaultCountry = defaultCountry;
        this.countryOf = countryOf;
    }

    /** The bundled catalogue, every tenant in the default country ({@code ES}): for code that runs without a tenant service. */
    public static TenantRetention bundledDefaults() {
        return new TenantRetention(RetentionCatalogue.bundled(), RetentionProperties.defaults().defaultCountry(),
                tenant -> Optional.empty());
    }

    /** The tenant's jurisdiction. */
    public Country countryOf(UUID tenantId) {
        return countryOf.apply(tenantId).orElse(defaultCountry);
    }

    /** The rule of the tenant's country for the kind of record. */
    public RetentionRule rule(Country country, RecordKind kind) {
        return catalogue.rule(country, kind);
    }

    public RetentionCatalogue catalogue() {
        return catalogue;
    }
}
