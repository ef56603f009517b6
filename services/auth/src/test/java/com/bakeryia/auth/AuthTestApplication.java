package com.bakeryia.auth;

import com.bakeryia.testsupport.SettableClock;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The auth service alone, with a clock tests can move forward (system time plus an offset). */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(AuthServiceConfiguration.class)
class AuthTestApplication {

    @Bean
    SettableClock clock() {
        return SettableClock.systemPlusOffset();
    }
}
