package org.jwtauth.resource.security;

import org.jwtauth.resource.support.SharedJwksContext;
import org.jwtauth.resource.support.Tokens;
import org.jwtauth.token.HeaderBearerTokenResolver;
import org.jwtauth.web.AllowedHeaderValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.util.ReflectionUtils;

import java.lang.reflect.Field;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bearer token is read by {@link HeaderBearerTokenResolver} through the firewall with
 * {@link AllowedHeaderValues} (both regex-free, both answering as Spring's defaults), and the
 * header's rules are still RFC 6750's.
 */
class BearerHeaderTest extends SharedJwksContext {

    @Autowired
    private FilterChainProxy filterChainProxy;


    @Test
    void theFastResolverAndFirewallAreTheOnesInUse() {
        Object firewall = ReflectionTestUtils.getField(springSecurityFilterChain(), "firewall");
        assertThat(firewall).isInstanceOf(StrictHttpFirewall.class);
        assertThat(ReflectionTestUtils.getField(firewall, "allowedHeaderValues")).isInstanceOf(AllowedHeaderValues.class);

        BearerTokenAuthenticationFilter bearer = springSecurityFilterChain().getFilterChains().get(0).getFilters().stream()
                .filter(BearerTokenAuthenticationFilter.class::isInstance).map(BearerTokenAuthenticationFilter.class::cast)
                .findFirst().orElseThrow();
        assertThat(ReflectionTestUtils.getField(bearer, "bearerTokenResolver")).isInstanceOf(HeaderBearerTokenResolver.class);
    }

    /** Spring Security wraps the FilterChainProxy it builds (and gives the firewall to), twice with Spring MVC: unwrap. */
    private FilterChainProxy springSecurityFilterChain() {
        FilterChainProxy proxy = filterChainProxy;
        Field inner;
        while ((inner = ReflectionUtils.findField(proxy.getClass(), "springSecurityFilterChain", FilterChainProxy.class)) != null) {
            proxy = (FilterChainProxy) ReflectionTestUtils.getField(proxy, inner.getName());
        }
        return proxy;
    }

    @Test
    void theSchemeIsCaseInsensitiveAndTheTokenMustBeAB64Token() {
        String token = Tokens.accessToken(KEY, clock.instant(), "alice", "USER");

        assertThat(getWithAuthorization("/api/hello", "bearer " + token).getStatusCode().value()).isEqualTo(200);
        assertThat(getWithAuthorization("/api/hello", "BEARER " + token).getStatusCode().value()).isEqualTo(200);

        for (String malformed : new String[] {"Bearer  " + token, "Bearer " + token + " x", "Bearer " + token + ",",
                "Bearer =" + token, "Bearer"}) {
            ResponseEntity<String> response = getWithAuthorization("/api/hello", malformed);
            assertInvalidToken(response);
            assertThat(challenge(response)).contains("Bearer token is malformed");
        }
    }
}
