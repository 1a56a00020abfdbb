package org.jwtauth.auth.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code {"refresh_token": "..."}} for refresh and logout. */
public record RefreshTokenRequest(@NotBlank @Size(max = 1024) String refreshToken) {

    @Override
    public String toString() {
        return "RefreshTokenRequest[redacted]";
    }
}
