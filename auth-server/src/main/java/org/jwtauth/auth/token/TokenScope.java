package org.jwtauth.auth.token;

import org.jwtauth.auth.error.ApiException;
import org.jwtauth.auth.user.User;

import java.util.Arrays;

/**
 * What an access token is for, as its {@code scope} says. Without a scope it is for the resource
 * services ({@code auth.audience}) and carries no scope claim; with scope {@code admin} it is for this
 * server's admin API only ({@code auth.admin-audience}), and only a user with the ADMIN role gets one.
 * Keeping the two apart means a token a resource service has seen (in its logs, or a compromised
 * service) can never be replayed against the admin API.
 */
public enum TokenScope {

    RESOURCES(null),
    ADMIN("admin");

    private final String value;

    TokenScope(String value) {
        this.value = value;
    }

    /** The scope claim and the token response's {@code scope}; null for {@link #RESOURCES}. */
    public String value() {
        return value;
    }

    /** Whether {@code user} may have this scope now: the admin scope needs the ADMIN role, at login and at every refresh. */
    public boolean allows(User user) {
        return this != ADMIN || user.roles().contains(User.ADMIN_ROLE);
    }

    /** The scope stored with a refresh-token family (null for the default). */
    public static TokenScope ofStored(String stored) {
        if (stored == null) {
            return RESOURCES;
        }
        if (stored.equals(ADMIN.value)) {
            return ADMIN;
        }
        throw new IllegalStateException("Unknown scope stored with a refresh token: " + stored);
    }

    /**
     * RFC 6749 section 3.3: a space-separated list; absent or empty asks for the default.
     *
     * @throws ApiException {@code invalid_scope} for anything but {@code admin}
     */
    public static TokenScope parse(String requested) {
        if (requested == null || requested.isBlank()) {
            return RESOURCES;
        }
        // The description never echoes the request: it is shown to the client and must stay plain ASCII.
        if (Arrays.stream(requested.strip().split(" +")).allMatch(ADMIN.value::equals)) {
            return ADMIN;
        }
        throw ApiException.invalidScope("Unknown scope; the only scope is 'admin', for the admin API");
    }
}
