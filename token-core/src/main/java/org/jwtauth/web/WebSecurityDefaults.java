package org.jwtauth.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.firewall.HttpFirewall;

/**
 * Spring Security settings both services share; both {@code @Import} this. Measured in BENCHMARKS.md
 * (second and third passes).
 */
@Configuration(proxyBeanMethods = false)
public class WebSecurityDefaults {

    /**
     * No Micrometer observation around each Spring Security filter, authentication and authorization:
     * with actuator present, Spring Security otherwise wraps every filter of every request in its own
     * observation (about 6 % of the CPU of a refresh), for meters nothing uses. Request metrics
     * ({@code http.server.requests}) and each service's own meters stay.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring's strict firewall, with its header-value check as a loop instead of a regex (see {@link AllowedHeaderValues}). */
    @Bean
    HttpFirewall httpFirewall() {
        return AllowedHeaderValues.strictFirewall();
    }
}
