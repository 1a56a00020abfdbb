package org.jwtauth.auth.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored user. {@code toString} leaves the password hash out of logs. */
public record User(UUID id, String username, String passwordHash, List<String> roles, boolean enabled,
                   Instant createdAt, Instant revokedAt) {

    /** The role of administrators: the admin API and the admin scope are theirs. */
    public static final String ADMIN_ROLE = "ADMIN";

    public User {
        roles = List.copyOf(roles);
    }

    /**
     * Whether an access token of this user issued at {@code issuedAt} still speaks for them: the user is
     * enabled and was not revoked at or after that moment. {@code iat} has whole seconds, so a token
     * issued in the second of a revocation counts as revoked (the same rule as the revocation feed's).
     */
    public boolean acceptsTokenIssuedAt(Instant issuedAt) {
        return enabled && issuedAt != null && (revokedAt == null || issuedAt.isAfter(revokedAt));
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", username=" + username + ", roles=" + roles + ", enabled=" + enabled + "]";
    }
}
