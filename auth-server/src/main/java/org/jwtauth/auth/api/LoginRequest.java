package org.jwtauth.auth.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code {"username","password"}}, and optionally {@code "scope":"admin"} for a token for the admin API
 * instead of one for the resource services.
 */
public record LoginRequest(@NotBlank @Size(max = LoginRequest.MAX_USERNAME) String username,
                           @NotBlank @Size(max = LoginRequest.MAX_PASSWORD) String password,
                           @Size(max = LoginRequest.MAX_SCOPE) String scope) {

    /** Length limits, shared with the password grant of POST /oauth2/token. */
    public static final int MAX_USERNAME = 256;
    public static final int MAX_PASSWORD = 1024;
    public static final int MAX_SCOPE = 256;

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + ", scope=" + scope + "]";
    }
}
