package org.jwtauth.auth.security;

import org.jwtauth.auth.user.User;
import org.jwtauth.auth.user.UserRepository;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Authenticates a verified admin-API token against the database on every request: the user must
 * exist, be enabled and not have been revoked at or after the token's {@code iat}, and their
 * authorities are their roles as stored now, not as the token remembers them. So revoking an admin
 * (or taking the role away) ends their admin rights with their next request. Offline validation is
 * the trade-off for resource services; this server has the database and does not extend it to itself.
 * One primary-key read per admin request.
 */
final class AdminAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String NOT_ACTIVE = "The access token's user is disabled or was revoked after it was issued";

    private final UserRepository users;

    AdminAuthenticationConverter(UserRepository users) {
        this.users = users;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        User user = users.findBySubject(jwt.getSubject())
                .filter(u -> u.acceptsTokenIssuedAt(jwt.getIssuedAt()))
                // 401 invalid_token (RFC 6750 section 3.1): the token no longer speaks for anyone
                .orElseThrow(() -> new InvalidBearerTokenException(NOT_ACTIVE));
        var authorities = user.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        return new JwtAuthenticationToken(jwt, authorities, user.username());
    }
}
