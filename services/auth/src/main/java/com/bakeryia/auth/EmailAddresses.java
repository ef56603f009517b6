package com.bakeryia.auth;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one rule by which two e-mail addresses are the same: Unicode NFKC, then lower case by
 * {@link Locale#ROOT}, surrounding white space stripped. Every address is normalised once, here,
 * before it is stored, looked up, compared with {@code bakery.auth.operators} or mailed to; SQL
 * never folds case itself ({@code lower()} follows the database's collation, which differs from
 * Java's rule for letters such as the Kelvin sign), it compares stored normalised values exactly.
 * Existing rows were normalised by the same code (migration {@code V121}).
 *
 * <p>Under this rule an address is one address however it is spelt: the Kelvin sign (U+212A) is
 * NFKC's {@code K}, so {@code \u212Aim@example.com} is {@code kim@example.com}; it can neither be a
 * second account beside that one nor receive that account's mails somewhere else.
 */
public final class EmailAddresses {

    private EmailAddresses() {
    }

    /** The address in its one stored form; public for the migration that normalised existing rows. */
    public static String normalise(String address) {
        return Normalizer.normalize(address.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
