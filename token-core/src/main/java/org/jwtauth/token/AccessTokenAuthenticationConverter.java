package org.jwtauth.token;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * Turns a validated access token into an authentication: the {@code roles} claim becomes
 * {@code ROLE_*} authorities (so {@code hasRole("ADMIN")} works) and the principal name is
 * {@code preferred_username}, falling back to {@code sub} so that it is never null.
 */
public final class AccessTokenAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();

    public AccessTokenAuthenticationConverter() {
        authorities.setAuthoritiesClaimName(AccessTokenFormat.CLAIM_ROLES);
        authorities.setAuthorityPrefix("ROLE_");
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String username = jwt.getClaimAsString(AccessTokenFormat.CLAIM_USERNAME);
        String name = username != null && !username.isBlank() ? username : jwt.getSubject();
        return new JwtAuthenticationToken(jwt, authorities.convert(jwt), name);
    }
}
