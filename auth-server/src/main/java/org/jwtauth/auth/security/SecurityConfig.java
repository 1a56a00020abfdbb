package org.jwtauth.auth.security;

import org.jwtauth.auth.config.AuthProperties;
import org.jwtauth.auth.keys.SigningKeyStore;
import org.jwtauth.token.AccessTokenAuthenticationConverter;
import org.jwtauth.token.AccessTokenJwtDecoder;
import org.jwtauth.token.AccessTokenValidator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * The token endpoints and the JWKS are public; the admin API takes our own access tokens, checked
 * offline like any resource service would, and requires the ADMIN role. Stateless: no sessions,
 * no cookies, hence no CSRF.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AccessTokenJwtDecoder decoder) throws Exception {
        var entryPoint = new BearerTokenAuthenticationEntryPoint();
        var accessDeniedHandler = new BearerTokenAccessDeniedHandler();
        return http
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/auth/**", "/.well-known/**", "/error").permitAll()
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .anyRequest().denyAll())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new AccessTokenAuthenticationConverter()))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDeniedHandler))
                // Requests without any token get the same RFC 6750 challenge, whatever their Accept header.
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDeniedHandler))
                .build();
    }

    /** Our own tokens, verified with our own public key; no clock skew is needed against ourselves. */
    @Bean
    AccessTokenJwtDecoder accessTokenJwtDecoder(AuthProperties properties, SigningKeyStore keys, Clock clock) {
        var settings = new AccessTokenValidator.Settings(properties.issuer(), properties.audience(), Duration.ZERO,
                Set.of(properties.signingAlgorithm()), AccessTokenValidator.DEFAULT_MAX_TOKEN_LENGTH);
        return new AccessTokenJwtDecoder(new AccessTokenValidator(settings, keys, clock));
    }
}
