package com.bakeryia.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The auth service alone, with a clock tests can move forward. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(AuthServiceConfiguration.class)
class AuthTestApplication {

    @Bean
    MovableClock clock() {
        return new MovableClock();
    }

    /** The system clock plus an offset that tests may only increase, so time never runs backwards. */
    static final class MovableClock extends Clock {

        private volatile Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
