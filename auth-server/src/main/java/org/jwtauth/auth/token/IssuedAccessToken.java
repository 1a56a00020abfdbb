package org.jwtauth.auth.token;

import java.time.Instant;

public record IssuedAccessToken(String value, String jti, Instant issuedAt, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedAccessToken[jti=" + jti + ", expiresAt=" + expiresAt + "]";
    }
}
