package org.jwtauth.auth.admin;

import org.jwtauth.auth.user.User;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user as the admin API shows it: never the password hash. */
public record UserView(UUID id, String username, List<String> roles, boolean enabled, Instant createdAt,
                       Instant revokedAt) {

    static UserView of(User user) {
        return new UserView(user.id(), user.username(), user.roles(), user.enabled(), user.createdAt(), user.revokedAt());
    }
}
