package org.jwtauth.auth.security;

import io.micrometer.core.instrument.MeterRegistry;
import org.jwtauth.auth.config.AuthProperties;
import org.jwtauth.auth.http.HttpLimitsProperties;
import org.jwtauth.auth.http.RequestBodyLimitFilter;
import org.jwtauth.auth.keys.SigningKeyStore;
import org.jwtauth.auth.user.User;
import org.jwtauth.auth.user.UserRepository;
import org.jwtauth.token.AccessTokenFormat;
import org.jwtauth.token.AccessTokenJwtDecoder;
import org.jwtauth.token.AccessTokenValidator;
import org.jwtauth.token.HeaderBearerTokenResolver;
import org.jwtauth.token.InvalidAccessTokenException;
import org.jwtauth.token.MeteredJwtDecoder;
import org.jwtauth.web.ContentSecurityPolicyWriter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import java.time.Clock;
import java.time.Duration;

/**
 * The token endpoints and the JWKS are public; the admin API takes only our own admin tokens (audience
 * {@code auth.admin-audience}, got with scope {@code admin}), whose user is checked against the
 * database on every request ({@link AdminAuthenticationConverter}), and requires the ADMIN role as stored. Stateless: no sessions,
 * no cookies, hence no CSRF. The OpenAPI description and Swagger UI are public. The probes are public
 * on this port ({@code /livez}, {@code /readyz}); health and the Prometheus scrape live on the separate
 * management port ({@code management.server.port}, loopback by default); if that port is configured
 * to be this one, they are denied rather than published. Oversized request bodies are refused
 * first thing, and every answer carries the security headers.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String NOT_AN_ADMIN_TOKEN = "The access token is not for the admin API: log in with scope admin";

    private static final String ADMIN_API = "/admin/**";

    /** A JSON API loads nothing and is framed by nobody. */
    static final String API_CONTENT_SECURITY_POLICY = ContentSecurityPolicyWriter.API_POLICY;

    /** springdoc's OpenAPI description and Swagger UI: public, like the API they describe. */
    static final String[] API_DOCS = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, @Qualifier("adminTokenDecoder") JwtDecoder decoder,
                                            UserRepository users, HttpLimitsProperties limits,
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
                        .requestMatchers(ADMIN_API).hasRole(User.ADMIN_ROLE)
                        .anyRequest().denyAll())
                .oauth2ResourceServer(rs -> rs
                        .bearerTokenResolver(adminApiBearerTokens())
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new AdminAuthenticationConverter(users)))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDeniedHandler))
                // Requests without any token get the same RFC 6750 challenge, whatever their Accept header.
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDeniedHandler))
                .build();
    }

    /**
     * Tokens for the admin API: audience {@code auth.admin-audience}, so that a token for the resource
     * services is refused (401 invalid_token). Outcomes and latency are metered as
     * {@code auth.admin.token.validation} (see MeteredJwtDecoder).
     */
    @Bean
    JwtDecoder adminTokenDecoder(AuthProperties properties, SigningKeyStore keys, Clock clock, MeterRegistry meters) {
        JwtDecoder decoder = ownTokens(properties, properties.adminAudience(), keys, clock);
        return new MeteredJwtDecoder(token -> {
            try {
                return decoder.decode(token);
            } catch (BadJwtException e) {
                if (InvalidAccessTokenException.reasonOf(e) == InvalidAccessTokenException.Reason.AUDIENCE) {
                    // most likely a token for the resource services: say how to get the right one
                    throw new BadJwtException(NOT_AN_ADMIN_TOKEN, e);
                }
                throw e;
            }
        }, meters, "auth.admin.token.validation");
    }

    /**
     * Bearer tokens are read on the admin API only, the one place that takes them: elsewhere an
     * {@code Authorization} header is ignored (the OAuth endpoints read a client's own from it), so a
     * client that sends its token for the resource services everywhere is not refused as having no
     * admin token. Reading fewer tokens can only deny: the rules still require an admin on /admin/**.
     */
    private static BearerTokenResolver adminApiBearerTokens() {
        RequestMatcher adminApi = PathPatternRequestMatcher.withDefaults().matcher(ADMIN_API);
        BearerTokenResolver header = new HeaderBearerTokenResolver();
        return request -> adminApi.matches(request) ? header.resolve(request) : null;
    }

    /** Tokens for the resource services, as introspection (RFC 7662) and revocation (RFC 7009) see them. */
    @Bean
    JwtDecoder resourceTokenDecoder(AuthProperties properties, SigningKeyStore keys, Clock clock) {
        return ownTokens(properties, properties.audience(), keys, clock);
    }

    /**
     * Our own tokens, verified with our own published keys; no clock skew is needed against ourselves.
     * Every supported algorithm is allowed because each key is bound to its own algorithm: after a
     * change of auth.signing-algorithm, tokens of the previous key still verify until it retires.
     */
    private static JwtDecoder ownTokens(AuthProperties properties, String audience, SigningKeyStore keys, Clock clock) {
        // Our tokens live auth.access-token-ttl; the usual cap unless that is longer.
        Duration maxLifetime = properties.accessTokenTtl().compareTo(AccessTokenValidator.DEFAULT_MAX_LIFETIME) > 0
                ? properties.accessTokenTtl() : AccessTokenValidator.DEFAULT_MAX_LIFETIME;
        return new AccessTokenJwtDecoder(new AccessTokenValidator(new AccessTokenValidator.Settings(properties.issuer(),
                audience, Duration.ZERO, AccessTokenFormat.SUPPORTED_ALGORITHMS, AccessTokenValidator.DEFAULT_MAX_TOKEN_LENGTH,
                maxLifetime), keys, clock));
    }
}
