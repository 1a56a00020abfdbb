package org.jwtauth.auth.admin;

import java.time.Instant;

/**
 * The answer to a revocation. It states the revocation window: refresh is refused from now on, but
 * access tokens already issued stay valid offline until {@code accessTokensValidUntil}.
 */
public record RevocationView(String username, boolean enabled, Instant revokedAt, int refreshTokensRevoked,
                             Instant accessTokensValidUntil, long revocationWindowSeconds) {
}
