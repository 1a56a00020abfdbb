package org.jwtauth.auth.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record LoginRequest(@NotBlank @Size(max = LoginRequest.MAX_USERNAME) String username,
                           @NotBlank @Size(max = LoginRequest.MAX_PASSWORD) String password) {

    /** Length limits, shared with the password grant of POST /oauth2/token. */
    public static final int MAX_USERNAME = 256;
    public static final int MAX_PASSWORD = 1024;

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + "]";
    }
}
