package org.jwtauth.resource.security;

import io.micrometer.core.instrument.MeterRegistry;
import org.jwtauth.resource.ResourceProperties;
import org.jwtauth.resource.revocation.RevocationCheckingVerifier;
import org.jwtauth.resource.revocation.RevokedUsers;
import org.jwtauth.token.AccessTokenJwtDecoder;
import org.jwtauth.token.AccessTokenValidator;
import org.jwtauth.token.AccessTokenVerifier;
import org.jwtauth.token.CachingAccessTokenVerifier;
import org.jwtauth.token.MeteredJwtDecoder;
import org.jwtauth.token.VerificationKeySource;
import org.springframework.beans.factory.ObjectProvider;
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
                AccessTokenValidator.DEFAULT_MAX_TOKEN_LENGTH,
                properties.maxTokenLifetime());
        return new AccessTokenValidator(settings, keys, clock);
    }

    /**
     * Full validation is one RS256 verification (~50 µs of CPU) per request; clients present the same
     * token for its whole lifetime, so validated tokens are remembered (see CachingAccessTokenVerifier).
     * With the revocation feed on, its check wraps the cache, so it runs on every request, hits included.
     * Outcomes by reason and latency are metered as {@code resource.token.validation} (see MeteredJwtDecoder).
     */
    @Bean
    public JwtDecoder jwtDecoder(AccessTokenValidator validator, ResourceProperties properties, VerificationKeySource keys,
                                 Clock clock, TokenValidationStats stats, ObjectProvider<RevokedUsers> revokedUsers,
                                 MeterRegistry meters) {
        AccessTokenVerifier verifier = properties.tokenCacheSize() == 0 ? validator
                : new CachingAccessTokenVerifier(validator, keys, properties.tokenCacheSize(), properties.clockSkew(), clock);
        RevokedUsers revoked = revokedUsers.getIfAvailable();
        if (revoked != null) {
            verifier = new RevocationCheckingVerifier(verifier, revoked);
        }
        return new MeteredJwtDecoder(new CountingJwtDecoder(new AccessTokenJwtDecoder(verifier), stats), meters,
                "resource.token.validation");
    }
}
