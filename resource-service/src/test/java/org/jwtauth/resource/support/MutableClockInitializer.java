package org.jwtauth.resource.support;

import org.jwtauth.token.MutableClock;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Instant;

/**
 * Registers a {@link MutableClock} before the context refreshes, the way the e2e tests do, so the
 * application's own {@code Clock} bean backs off and every time-dependent component uses this one.
 */
public final class MutableClockInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getBeanFactory().registerSingleton("testClock", new MutableClock(START));
    }
}
