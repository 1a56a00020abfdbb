package org.jwtauth.resource.security;

import org.jwtauth.token.AccessTokenAuthenticationConverter;
import org.jwtauth.token.HeaderBearerTokenResolver;
import org.jwtauth.web.ContentSecurityPolicyWriter;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Stateless bearer-token API. Every 401 carries an RFC 6750 {@code WWW-Authenticate: Bearer ...}
 * challenge and every 403 {@code error="insufficient_scope"}, whatever the client's Accept header.
 * The OpenAPI description and Swagger UI are public, and so are the probes ({@code /livez}, {@code /readyz}).
 * Health with details and the Prometheus scrape live on the separate management port
 * ({@code management.server.port}, loopback by default); if that port is configured to be this one,
 * they are denied rather than published. Every answer carries the security headers: the
 * Content-Security-Policy {@link #API_CONTENT_SECURITY_POLICY} (a looser one on Swagger UI's page
 * only, see ContentSecurityPolicyWriter) and {@code Referrer-Policy: no-referrer}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    /** A JSON API loads nothing and is framed by nobody. */
    public static final String API_CONTENT_SECURITY_POLICY = ContentSecurityPolicyWriter.API_POLICY;

    /** springdoc's OpenAPI description and Swagger UI: public, like the endpoint list they describe. */
    static final String[] API_DOCS = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};

    @Bean
    public SecurityFilterChain securityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder, Environment environment)
            throws Exception {
        boolean separateManagementPort = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
        BearerTokenAuthenticationEntryPoint entryPoint = new BearerTokenAuthenticationEntryPoint();
        BearerTokenAccessDeniedHandler accessDeniedHandler = new BearerTokenAccessDeniedHandler();
        http
                // No cookies or sessions, so there is nothing for CSRF to ride on.
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                // Spring's defaults stay (nosniff, X-Frame-Options DENY, no-cache, HSTS over HTTPS only).
                .headers(headers -> headers
                        .addHeaderWriter(new ContentSecurityPolicyWriter())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                // First match wins, and every request walks the list until one does, so the API's own
                // paths come first: a protected call is decided by the sixth rule rather than the twelfth
                // (each pattern costs a handler-mapping lookup; BENCHMARKS.md, fifth pass).
                .authorizeHttpRequests(auth -> auth
                        // /error must stay open: error dispatches run without the original authentication.
                        .requestMatchers("/api/public/**", "/error").permitAll()
                        // On the management port only (EndpointRequest matches nothing else when it is
                        // separate): health with details, and the scrape. Should the management port be
                        // configured to be this one, both stay closed rather than public; the probes remain.
                        .requestMatchers(separateManagementPort ? EndpointRequest.to("health", "prometheus")
                                : request -> false).permitAll()
                        // The rest of the actuator is closed even to admins (and not exposed, see application.yml).
                        // Ahead of /api/** in case the actuator's base path is ever moved under it.
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).denyAll()
                        .requestMatchers("/api/admin/**").hasRole("ADMIN")
                        .requestMatchers("/api/**").authenticated()
                        .requestMatchers(API_DOCS).permitAll()
                        // The probes need no token (liveness and readiness groups, without details).
                        .requestMatchers("/livez", "/readyz").permitAll()
                        .requestMatchers("/actuator", "/actuator/**").denyAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .bearerTokenResolver(new HeaderBearerTokenResolver())
                        .jwt(jwt -> jwt
                                .decoder(jwtDecoder)
                                .jwtAuthenticationConverter(new AccessTokenAuthenticationConverter()))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDeniedHandler))
                // Set explicitly so that requests without any token get the same Bearer challenge.
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDeniedHandler));
        return http.build();
    }
}
