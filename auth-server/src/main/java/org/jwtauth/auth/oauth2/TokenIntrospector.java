package org.jwtauth.auth.oauth2;

import org.jwtauth.auth.config.AuthProperties;
import org.jwtauth.auth.refresh.RefreshTokenStore;
import org.jwtauth.auth.refresh.RefreshTokens;
import org.jwtauth.auth.refresh.StoredRefreshToken;
import org.jwtauth.auth.user.User;
import org.jwtauth.auth.user.UserRepository;
import org.jwtauth.token.AccessTokenFormat;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The online check behind RFC 7662 introspection. Unlike offline validation it sees revocations at
 * once: an access token is active only while its signature, issuer, audience and times are valid
 * (the same validator as the admin API) and its user exists, is enabled, and was not revoked at or
 * after the token's {@code iat}. A refresh token is active exactly when it could be exchanged now:
 * known, neither rotated nor revoked, unexpired, its user enabled.
 */
@Component
public class TokenIntrospector {

    private final JwtDecoder accessTokens;
    private final RefreshTokenStore refreshTokens;
    private final UserRepository users;
    private final AuthProperties properties;
    private final Clock clock;

    public TokenIntrospector(@Qualifier("resourceTokenDecoder") JwtDecoder accessTokens, RefreshTokenStore refreshTokens,
                             UserRepository users,
                             AuthProperties properties, Clock clock) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.users = users;
        this.properties = properties;
        this.clock = clock;
    }

    public IntrospectionResponse introspect(String token) {
        // The two formats cannot be confused: a refresh token is 43 base64url characters, a JWT has dots.
        return RefreshTokens.isWellFormed(token) ? refreshToken(token) : accessToken(token);
    }

    /** @return the verified access token, if {@code token} is one of ours and unexpired (its user not considered) */
    public Optional<Jwt> verifiedAccessToken(String token) {
        try {
            return Optional.of(accessTokens.decode(token));
        } catch (JwtException e) {
            return Optional.empty();
        }
    }

    private IntrospectionResponse accessToken(String token) {
        Jwt jwt = verifiedAccessToken(token).orElse(null);
        if (jwt == null) {
            return IntrospectionResponse.INACTIVE;
        }
        User user = users.findBySubject(jwt.getSubject()).orElse(null);
        if (user == null || !user.acceptsTokenIssuedAt(jwt.getIssuedAt())) {
            return IntrospectionResponse.INACTIVE;
        }
        return new IntrospectionResponse(true, jwt.getSubject(), jwt.getClaimAsString(AccessTokenFormat.CLAIM_USERNAME),
                epoch(jwt.getExpiresAt()), epoch(jwt.getIssuedAt()), epoch(jwt.getNotBefore()),
                jwt.getClaimAsString("iss"), jwt.getAudience(), jwt.getId(), "Bearer",
                jwt.getClaimAsStringList(AccessTokenFormat.CLAIM_ROLES), null);
    }

    private IntrospectionResponse refreshToken(String token) {
        StoredRefreshToken stored = refreshTokens.findByHash(RefreshTokens.hash(token)).orElse(null);
        if (stored == null || stored.revokedAt() != null || stored.rotatedAt() != null
                || !stored.expiresAt().isAfter(clock.instant())) {
            return IntrospectionResponse.INACTIVE;
        }
        User user = users.findById(stored.userId()).orElse(null);
        if (user == null || !user.enabled()) {
            return IntrospectionResponse.INACTIVE;
        }
        return new IntrospectionResponse(true, user.id().toString(), user.username(), epoch(stored.expiresAt()),
                epoch(stored.issuedAt()), null, properties.issuer(), null, null, null, user.roles(), null);
    }

    private static Long epoch(Instant instant) {
        return instant == null ? null : instant.getEpochSecond();
    }
}
