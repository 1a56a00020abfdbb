package org.jwtauth.auth.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code {"refresh_token": "..."}} for refresh and logout. */
public record RefreshTokenRequest(@NotBlank @Size(max = RefreshTokenRequest.MAX_LENGTH) String refreshToken) {

    /** Length limit, shared with the refresh_token grant of POST /oauth2/token. */
    public static final int MAX_LENGTH = 1024;

    @Override
    public String toString() {
        return "RefreshTokenRequest[redacted]";
    }
}
