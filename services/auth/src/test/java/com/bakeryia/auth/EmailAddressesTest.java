package com.bakeryia.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one normalisation rule of addresses, without Spring. */
class EmailAddressesTest {

    @Test
    void foldsCaseByTheRootLocaleAfterNfkcAndStripsSpace() {
        assertThat(EmailAddresses.normalise("  Ada.Baker@Example.COM ")).isEqualTo("ada.baker@example.com");
        // Not the Turkish rule: a dotted capital I is "i" followed by a combining dot under Locale.ROOT.
        assertThat(EmailAddresses.normalise("IRMA@example.com")).isEqualTo("irma@example.com");
        assertThat(EmailAddresses.normalise("Ｆｕｌｌｗｉｄｔｈ@example.com")).isEqualTo("fullwidth@example.com");
        assertThat(EmailAddresses.normalise("Grüße@Bäckerei.de")).isEqualTo("grüße@bäckerei.de");
    }

    @Test
    void theKelvinSignIsTheLetterKSoALookAlikeIsTheSameAddressNotADifferentOne() {
        String lookAlike = "\u212Aim@example.com";

        assertThat(EmailAddresses.normalise(lookAlike)).isEqualTo("kim@example.com")
                .isEqualTo(EmailAddresses.normalise("KIM@example.com"));
    }

    @Test
    void isIdempotent() {
        String once = EmailAddresses.normalise("\u212A\u00C5ﬁ@EXAMPLE.com");
        assertThat(EmailAddresses.normalise(once)).isEqualTo(once);
    }
}
