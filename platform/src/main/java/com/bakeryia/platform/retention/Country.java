package com.bakeryia.platform.retention;

import java.util.Locale;
import java.util.Set;

/**
 * A jurisdiction: an ISO 3166-1 alpha-2 country code as assigned today (upper case), the country
 * whose law decides what a tenant must keep after its deletion.
 */
public record Country(String code) {

    private static final Set<String> ASSIGNED = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);

    public Country {
        if (code == null || !ASSIGNED.contains(code)) {
            throw new IllegalArgumentException("not an ISO 3166-1 alpha-2 country code: " + code);
        }
    }

    /**
     * The country of the code, in either case ({@code es} is {@code ES}).
     *
     * @throws IllegalArgumentException when the code is not an assigned alpha-2 code
     */
    public static Country of(String code) {
        return new Country(code == null ? null : code.strip().toUpperCase(Locale.ROOT));
    }

    /** Whether the code, in either case, is an assigned alpha-2 code. */
    public static boolean isValid(String code) {
        return code != null && ASSIGNED.contains(code.strip().toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return code;
    }
}
