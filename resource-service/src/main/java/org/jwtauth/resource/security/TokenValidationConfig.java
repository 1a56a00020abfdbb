package org.jwtauth.resource.security;

import org.jwtauth.resource.ResourceProperties;
import org.jwtauth.token.AccessTokenJwtDecoder;
import org.jwtauth.token.AccessTokenValidator;
import org.jwtauth.token.VerificationKeySource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.util.Set;

/**
 * The token-core validator wired as Spring Security's {@link JwtDecoder}. Exposing a JwtDecoder bean
 * also makes Boot's resource-server auto-configuration (issuer-uri discovery etc.) back off.
 */
@Configuration(proxyBeanMethods = false)
public class TokenValidationConfig {

    @Bean
    public AccessTokenValidator accessTokenValidator(ResourceProperties properties, VerificationKeySource keys, Clock clock) {
        AccessTokenValidator.Settings settings = new AccessTokenValidator.Settings(
                properties.issuer(),
                properties.audience(),
                properties.clockSkew(),
                Set.copyOf(properties.allowedAlgorithms()),
                AccessTokenValidator.DEFAULT_MAX_TOKEN_LENGTH);
        return new AccessTokenValidator(settings, keys, clock);
    }

    @Bean
    public JwtDecoder jwtDecoder(AccessTokenValidator validator, TokenValidationStats stats) {
        return new CountingJwtDecoder(new AccessTokenJwtDecoder(validator), stats);
    }
}
