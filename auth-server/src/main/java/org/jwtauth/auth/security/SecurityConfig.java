package org.jwtauth.auth.security;

import io.micrometer.core.instrument.MeterRegistry;
import org.jwtauth.auth.config.AuthProperties;
import org.jwtauth.auth.http.HttpLimitsProperties;
import org.jwtauth.auth.http.RequestBodyLimitFilter;
import org.jwtauth.auth.keys.SigningKeyStore;
import org.jwtauth.token.AccessTokenAuthenticationConverter;
import org.jwtauth.token.AccessTokenFormat;
import org.jwtauth.token.AccessTokenJwtDecoder;
import org.jwtauth.token.AccessTokenValidator;
import org.jwtauth.token.HeaderBearerTokenResolver;
import org.jwtauth.token.MeteredJwtDecoder;
import org.jwtauth.web.ContentSecurityPolicyWriter;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import java.time.Clock;
import java.time.Duration;

/**
 * The token endpoints and the JWKS are public; the admin API takes our own access tokens, checked
 * offline like any resource service would, and requires the ADMIN role. Stateless: no sessions,
 * no cookies, hence no CSRF. The OpenAPI description and Swagger UI are public. The probes are public
 * on this port ({@code /livez}, {@code /readyz}); health and the Prometheus scrape live on the separate
 * management port ({@code management.server.port}, loopback by default); if that port is configured
 * to be this one, they are denied rather than published. Oversized request bodies are refused
 * first thing, and every answer carries the security headers.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    /** A JSON API loads nothing and is framed by nobody. */
    static final String API_CONTENT_SECURITY_POLICY = ContentSecurityPolicyWriter.API_POLICY;

    /** springdoc's OpenAPI description and Swagger UI: public, like the API they describe. */
    static final String[] API_DOCS = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JwtDecoder decoder, HttpLimitsProperties limits,
                                            Environment environment) throws Exception {
        boolean separateManagementPort = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
        var entryPoint = new BearerTokenAuthenticationEntryPoint();
        var accessDeniedHandler = new BearerTokenAccessDeniedHandler();
        return http
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Spring's defaults stay (nosniff, X-Frame-Options DENY, no-cache, HSTS over HTTPS only).
                .headers(headers -> headers
                        // API_CONTENT_SECURITY_POLICY everywhere but on the Swagger UI page.
                        .addHeaderWriter(new ContentSecurityPolicyWriter())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                // Right after the header writer, so that even a 413 carries the security headers, and
                // before anything that could read the body. Not a bean: it must not run twice.
                .addFilterAfter(new RequestBodyLimitFilter(limits.maxBodySize().toBytes()), HeaderWriterFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/auth/**", "/.well-known/**", "/error").permitAll()
                        // The OAuth endpoints (and GET /auth/revocations) authenticate clients themselves:
                        // org.jwtauth.auth.client.ClientAuthenticator.
                        .requestMatchers("/oauth2/token", "/oauth2/revoke", "/oauth2/introspect").permitAll()
                        .requestMatchers(API_DOCS).permitAll()
                        // The probes need no token (liveness and readiness groups, without details).
                        .requestMatchers("/livez", "/readyz").permitAll()
                        // On the management port only (EndpointRequest matches nothing else when it is
                        // separate): health with details, and the scrape. Should the management port be
                        // configured to be this one, both stay closed rather than public; the probes remain.
                        .requestMatchers(separateManagementPort ? EndpointRequest.to("health", "prometheus")
                                : request -> false).permitAll()
                        // The rest of the actuator is closed even to admins (and switched off, see application.yml).
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).denyAll()
                        .requestMatchers("/actuator", "/actuator/**").denyAll()
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .anyRequest().denyAll())
                .oauth2ResourceServer(rs -> rs
                        .bearerTokenResolver(new HeaderBearerTokenResolver())
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new AccessTokenAuthenticationConverter()))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDeniedHandler))
                // Requests without any token get the same RFC 6750 challenge, whatever their Accept header.
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDeniedHandler))
                .build();
    }

    /**
     * Our own tokens, verified with our own published keys; no clock skew is needed against ourselves.
     * Every supported algorithm is allowed because each key is bound to its own algorithm: after a
     * change of auth.signing-algorithm, tokens of the previous key still verify until it retires.
     * Outcomes and latency are metered as {@code auth.admin.token.validation} (see MeteredJwtDecoder).
     */
    @Bean
    JwtDecoder accessTokenJwtDecoder(AuthProperties properties, SigningKeyStore keys, Clock clock, MeterRegistry meters) {
        var settings = new AccessTokenValidator.Settings(properties.issuer(), properties.audience(), Duration.ZERO,
                AccessTokenFormat.SUPPORTED_ALGORITHMS, AccessTokenValidator.DEFAULT_MAX_TOKEN_LENGTH);
        return new MeteredJwtDecoder(new AccessTokenJwtDecoder(new AccessTokenValidator(settings, keys, clock)), meters,
                "auth.admin.token.validation");
    }
}
