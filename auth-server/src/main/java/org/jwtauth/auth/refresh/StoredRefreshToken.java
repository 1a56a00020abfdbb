package org.jwtauth.auth.refresh;

import java.time.Instant;
import java.util.UUID;

/**
 * A refresh token row: the hash, never the token itself.
 *
 * @param scope the scope its login asked for (a {@link org.jwtauth.auth.token.TokenScope} value), null for the default
 */
public record StoredRefreshToken(UUID id, String tokenHash, UUID familyId, UUID userId, Instant issuedAt,
                                 Instant expiresAt, Instant rotatedAt, Instant revokedAt, String scope) {
}
