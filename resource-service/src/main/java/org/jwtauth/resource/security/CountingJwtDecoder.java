package org.jwtauth.resource.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** Records every validation outcome in {@link TokenValidationStats}; the decision stays with the delegate. */
final class CountingJwtDecoder implements JwtDecoder {

    private static final Logger log = LoggerFactory.getLogger(CountingJwtDecoder.class);

    private final JwtDecoder delegate;
    private final TokenValidationStats stats;

    CountingJwtDecoder(JwtDecoder delegate, TokenValidationStats stats) {
        this.delegate = delegate;
        this.stats = stats;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        try {
            Jwt jwt = delegate.decode(token);
            stats.recordAccepted();
            return jwt;
        } catch (RuntimeException e) {
            stats.recordRejected();
            // The message is the client-safe description; the token itself is never logged.
            log.debug("Rejected access token: {}", e.getMessage());
            throw e;
        }
    }
}
