package org.jwtauth.token;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An access token whose signature and claims have been checked. */
public record ValidatedAccessToken(String tokenValue, Map<String, Object> headers, Map<String, Object> claims) {

    public ValidatedAccessToken {
        headers = Map.copyOf(headers);
        claims = Map.copyOf(claims);
    }

    public String subject() {
        return (String) claims.get("sub");
    }

    public Instant expiresAt() {
        return (Instant) claims.get("exp");
    }

    public String username() {
        return (String) claims.get(AccessTokenFormat.CLAIM_USERNAME);
    }

    @SuppressWarnings("unchecked")
    public List<String> roles() {
        Object roles = claims.get(AccessTokenFormat.CLAIM_ROLES);
        return roles == null ? List.of() : (List<String>) roles;
    }
}
