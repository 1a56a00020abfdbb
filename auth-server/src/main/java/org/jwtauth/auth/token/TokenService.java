package org.jwtauth.auth.token;

import org.jwtauth.auth.audit.AuditLog;
import org.jwtauth.auth.config.AuthProperties;
import org.jwtauth.auth.error.ApiException;
import org.jwtauth.auth.error.TooManyRequestsException;
import org.jwtauth.auth.metrics.AuthMetrics;
import org.jwtauth.auth.metrics.AuthMetrics.LoginOutcome;
import org.jwtauth.auth.metrics.AuthMetrics.RefreshOutcome;
import org.jwtauth.auth.refresh.RefreshTokenStore;
import org.jwtauth.auth.refresh.RefreshTokens;
import org.jwtauth.auth.refresh.StoredRefreshToken;
import org.jwtauth.auth.throttle.LoginThrottle;
import org.jwtauth.auth.user.Authenticator;
import org.jwtauth.auth.user.User;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The grants: password login, refresh with rotation and reuse detection, and logout.
 * <p>
 * Every refresh token of one login belongs to a family. Refreshing marks the presented token
 * rotated and issues its successor; presenting a rotated token again means it was copied, so the
 * whole family is revoked (OAuth 2.0 Security BCP, refresh token rotation). The family keeps the
 * absolute lifetime of its first token: rotation does not extend a session.
 */
@Service
public class TokenService {

    private final Authenticator authenticator;
    private final LoginThrottle throttle;
    private final RefreshTokenStore refreshTokens;
    private final AccessTokenIssuer issuer;
    private final TransactionTemplate tx;
    private final AuthProperties properties;
    private final Clock clock;
    private final AuditLog audit;
    private final AuthMetrics metrics;

    public TokenService(Authenticator authenticator, LoginThrottle throttle, RefreshTokenStore refreshTokens,
                        AccessTokenIssuer issuer, TransactionTemplate tx, AuthProperties properties, Clock clock,
                        AuditLog audit, AuthMetrics metrics) {
        this.authenticator = authenticator;
        this.throttle = throttle;
        this.refreshTokens = refreshTokens;
        this.issuer = issuer;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
        this.audit = audit;
        this.metrics = metrics;
    }

    /**
     * The password grant, behind the brute-force throttle: a locked username or address is refused
     * before its password is checked, and every failure is counted.
     *
     * @param clientAddress the client's IP address, one of the keys failures are counted for
     */
    /**
     * @param scope {@link TokenScope#ADMIN} for a token for the admin API, which only an ADMIN may have;
     *              asking for it with a valid password but without the role is {@code invalid_scope}
     */
    public TokenResponse login(String username, String password, String clientAddress, TokenScope scope) {
        LoginThrottle.Attempt attempt;
        try {
            attempt = throttle.check(username, clientAddress);
        } catch (TooManyRequestsException locked) {
            metrics.login(LoginOutcome.THROTTLED);
            throw locked;
        }
        User user;
        try {
            user = authenticator.authenticate(username, password);
        } catch (ApiException badCredentials) {
            throttle.failed(attempt);
            throw badCredentials;
        }
        throttle.succeeded(attempt);
        if (!scope.allows(user)) {
            audit.event("login_refused", "user", user.username(), "user_id", user.id(), "reason", "scope_not_allowed",
                    "requested_scope", scope.value());
            metrics.login(LoginOutcome.INVALID_SCOPE);
            throw ApiException.invalidScope("The admin scope is only for users with the ADMIN role");
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.refreshTokenTtl());
        String refreshToken = RefreshTokens.generate();
        refreshTokens.insert(new StoredRefreshToken(UUID.randomUUID(), RefreshTokens.hash(refreshToken), UUID.randomUUID(),
                user.id(), now, expiresAt, null, null, scope.value()));
        if (scope == TokenScope.RESOURCES) {
            audit.event("login_success", "user", user.username(), "user_id", user.id());
        } else {
            audit.event("login_success", "user", user.username(), "user_id", user.id(), "granted_scope", scope.value());
        }
        metrics.login(LoginOutcome.SUCCESS);
        return respond(user, scope, refreshToken, expiresAt, now);
    }

    public TokenResponse refresh(String refreshToken) {
        return refresh(refreshToken, null);
    }

    /**
     * @param requestedScope RFC 6749 section 6: null for the scope the login got; otherwise it must not
     *                       ask for more than that ({@code invalid_scope})
     */
    public TokenResponse refresh(String refreshToken, TokenScope requestedScope) {
        if (!RefreshTokens.isWellFormed(refreshToken)) {
            audit.repeatable("refresh_failure", "malformed", "reason", "malformed");
            metrics.refresh(RefreshOutcome.INVALID);
            throw ApiException.invalidGrant("The refresh token is invalid");
        }
        Instant now = clock.instant();
        Rotation rotation;
        try {
            rotation = tx.execute(status -> rotate(RefreshTokens.hash(refreshToken), requestedScope, now));
        } catch (TransientDataAccessException e) {
            audit.repeatable("refresh_failure", "concurrent_use", "reason", "concurrent_use");
            metrics.refresh(RefreshOutcome.INVALID);
            throw ApiException.invalidGrant("The refresh token was already used");
        }
        if (rotation.failure() != null) {
            if (rotation.reuseDetected()) {
                audit.event("refresh_reuse_detected", "reason", rotation.reason(), "user_id", rotation.userId(),
                        "family", rotation.familyId());
            } else {
                // anyone can send made-up tokens: repeatable, per reason and family
                audit.repeatable("refresh_failure", rotation.reason() + ":" + rotation.familyId(), "reason", rotation.reason(),
                        "user_id", rotation.userId(), "family", rotation.familyId());
            }
            metrics.refresh(rotation.reuseDetected() ? RefreshOutcome.REUSED : RefreshOutcome.INVALID);
            throw ApiException.invalidGrant(rotation.failure());
        }
        audit.event("refresh_success", "user", rotation.user().username(), "user_id", rotation.user().id(),
                "family", rotation.familyId());
        metrics.refresh(RefreshOutcome.SUCCESS);
        return respond(rotation.user(), rotation.scope(), rotation.newToken(), rotation.expiresAt(), now);
    }


    /** Ends the session: the presented token's whole family. Unknown tokens are not an error (as in RFC 7009). */
    public void logout(String refreshToken) {
        if (!RefreshTokens.isWellFormed(refreshToken)) {
            return;
        }
        refreshTokens.findByHash(RefreshTokens.hash(refreshToken)).ifPresent(stored -> {
            int revoked = refreshTokens.revokeFamily(stored.familyId(), clock.instant(), "logout");
            audit.event("logout", "user_id", stored.userId(), "family", stored.familyId(), "revoked", revoked);
        });
    }

    /**
     * Runs in one transaction; returns, rather than throws, the outcomes that must commit (a reuse
     * revocation). Throws only for a request refused before anything is written (a wider scope).
     */
    private Rotation rotate(String tokenHash, TokenScope requestedScope, Instant now) {
        RefreshTokenStore.WithUser found = refreshTokens.findWithUserByHash(tokenHash).orElse(null);
        if (found == null) {
            return Rotation.failed(null, "unknown", "The refresh token is invalid");
        }
        StoredRefreshToken stored = found.token();
        if (stored.revokedAt() != null) {
            return Rotation.failed(stored, "revoked", "The refresh token has been revoked");
        }
        if (stored.rotatedAt() != null) {
            refreshTokens.revokeFamily(stored.familyId(), now, "reuse_detected");
            return new Rotation(null, null, null, null, stored.userId(), stored.familyId(), "reuse_detected",
                    "The refresh token was already used; its session has been revoked", true);
        }
        if (!stored.expiresAt().isAfter(now)) {
            return Rotation.failed(stored, "expired", "The refresh token has expired");
        }
        User user = found.user();
        if (user == null || !user.enabled()) {
            return Rotation.failed(stored, "user_disabled", "The user is disabled");
        }
        TokenScope granted = TokenScope.ofStored(stored.scope());
        // One scope per family, and no subset of "admin" but itself: anything else asks for more.
        if (requestedScope != null && requestedScope != granted) {
            throw ApiException.invalidScope("The requested scope exceeds the scope of the refresh token");
        }
        if (!granted.allows(user)) {
            return Rotation.failed(stored, "role_removed", "The user no longer has the ADMIN role");
        }
        if (!refreshTokens.markRotated(stored.id(), now)) {
            // Another request rotated it between our read and our update.
            return Rotation.failed(stored, "concurrent_use", "The refresh token was already used");
        }
        String next = RefreshTokens.generate();
        refreshTokens.insert(new StoredRefreshToken(UUID.randomUUID(), RefreshTokens.hash(next), stored.familyId(),
                user.id(), now, stored.expiresAt(), null, null, stored.scope()));
        return new Rotation(user, granted, next, stored.expiresAt(), user.id(), stored.familyId(), null, null, false);
    }

    private TokenResponse respond(User user, TokenScope scope, String refreshToken, Instant refreshExpiresAt, Instant now) {
        IssuedAccessToken access = issuer.issue(user, scope);
        return new TokenResponse(access.value(), "Bearer", properties.accessTokenTtl().toSeconds(), refreshToken,
                Math.max(0, Duration.between(now, refreshExpiresAt).toSeconds()), scope.value());
    }

    private record Rotation(User user, TokenScope scope, String newToken, Instant expiresAt, UUID userId, UUID familyId,
                            String reason, String failure, boolean reuseDetected) {

        static Rotation failed(StoredRefreshToken stored, String reason, String failure) {
            return new Rotation(null, null, null, null, stored == null ? null : stored.userId(),
                    stored == null ? null : stored.familyId(), reason, failure, false);
        }
    }
}
