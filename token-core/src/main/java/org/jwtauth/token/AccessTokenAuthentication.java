package org.jwtauth.token;

import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/** How both services turn a validated access token into a Spring Security principal. */
public final class AccessTokenAuthentication {

    private AccessTokenAuthentication() {
    }

    /** The {@code roles} claim becomes {@code ROLE_*} authorities; the principal is the username. */
    public static JwtAuthenticationConverter converter() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(AccessTokenFormat.CLAIM_ROLES);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        converter.setPrincipalClaimName(AccessTokenFormat.CLAIM_USERNAME);
        return converter;
    }
}
