package org.jwtauth.token;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Plugs {@link AccessTokenValidator} into Spring Security's resource-server support, which then
 * answers with RFC 6750 {@code WWW-Authenticate} challenges. Every failure is a {@link BadJwtException}
 * so that it becomes a 401 {@code invalid_token}, never a 500.
 */
public final class AccessTokenJwtDecoder implements JwtDecoder {

    private final AccessTokenVerifier validator;

    public AccessTokenJwtDecoder(AccessTokenVerifier validator) {
        this.validator = validator;
    }

    @Override
    public Jwt decode(String token) {
        try {
            // Built once per token by the validator; a cache hit hands out the same instance.
            return validator.validate(token).jwt();
        } catch (InvalidAccessTokenException e) {
            throw new BadJwtException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new BadJwtException("The access token is invalid", e);
        }
    }
}
