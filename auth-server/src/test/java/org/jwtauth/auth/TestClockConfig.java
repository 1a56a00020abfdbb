package org.jwtauth.auth;

import org.jwtauth.token.MutableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Instant;

/** Replaces the application's clock with a {@link MutableClock} in every test context that imports it. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfig {

    /**
     * A start with a sub-second part (whole microseconds, the database's precision) so that
     * truncation to whole seconds in the token code is actually exercised.
     */
    public static final Instant START = Instant.parse("2030-03-04T05:06:07.123456Z");

    @Bean
    @Primary
    public MutableClock testClock() {
        return new MutableClock(START);
    }
}
