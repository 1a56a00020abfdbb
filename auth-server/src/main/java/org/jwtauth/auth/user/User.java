package org.jwtauth.auth.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored user. {@code toString} leaves the password hash out of logs. */
public record User(UUID id, String username, String passwordHash, List<String> roles, boolean enabled,
                   Instant createdAt, Instant revokedAt) {

    public User {
        roles = List.copyOf(roles);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", username=" + username + ", roles=" + roles + ", enabled=" + enabled + "]";
    }
}
