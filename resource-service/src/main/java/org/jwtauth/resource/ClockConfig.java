package org.jwtauth.resource;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The one source of "now" for token expiry, JWKS re-fetch throttling and uptime. Tests register their
 * own adjustable {@link Clock} before the context refreshes, so nothing here may call {@code Instant.now()}.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfig {

    @Bean
    @ConditionalOnMissingBean(Clock.class)
    public Clock clock() {
        return Clock.systemUTC();
    }
}
