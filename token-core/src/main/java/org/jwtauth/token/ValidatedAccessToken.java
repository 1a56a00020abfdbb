package org.jwtauth.token;

import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An access token whose signature and claims have been checked, held as the Spring Security {@link Jwt}
 * the resource server authenticates with. The Jwt is built once, here, rather than per request: the
 * token cache hands out the same instance for the token's whole lifetime, and building a Jwt (two map
 * copies and its own checks) was a visible part of what a cached token still cost (BENCHMARKS.md,
 * fifth pass). Headers and claims are unmodifiable.
 */
public final class ValidatedAccessToken {

    private final Jwt jwt;

    /**
     * @param claims with {@code iat}, {@code exp} and {@code nbf} as Instants and {@code aud} as a list
     * @throws IllegalArgumentException if Spring's Jwt refuses them (e.g. no headers, exp not after iat)
     */
    public ValidatedAccessToken(String tokenValue, Map<String, Object> headers, Map<String, Object> claims) {
        this.jwt = Jwt.withTokenValue(tokenValue)
                .headers(h -> h.putAll(headers))
                .claims(c -> c.putAll(claims))
                .build();
    }

    public Jwt jwt() {
        return jwt;
    }

    public String tokenValue() {
        return jwt.getTokenValue();
    }

    public Map<String, Object> headers() {
        return jwt.getHeaders();
    }

    public Map<String, Object> claims() {
        return jwt.getClaims();
    }

    public String subject() {
        return (String) claims().get("sub"); // the validator checked it is a string (Jwt#getSubject would convert)
    }

    public Instant expiresAt() {
        return jwt.getExpiresAt();
    }

    public String username() {
        return (String) claims().get(AccessTokenFormat.CLAIM_USERNAME);
    }

    @SuppressWarnings("unchecked")
    public List<String> roles() {
        Object roles = claims().get(AccessTokenFormat.CLAIM_ROLES);
        return roles == null ? List.of() : (List<String>) roles;
    }

    /** Never the token itself: it is a credential. */
    @Override
    public String toString() {
        return "ValidatedAccessToken[sub=" + subject() + ", kid=" + headers().get("kid") + ", exp=" + expiresAt() + "]";
    }
}
