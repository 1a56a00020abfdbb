package org.jwtauth.auth.throttle;

import java.time.Instant;

/**
 * The stored counter of one key.
 *
 * @param failures    failed logins since the window opened
 * @param lockedUntil logins are refused until then; null below the threshold
 * @param expiresAt   from then on the row counts as absent: the end of the window, or of the window
 *                    that follows a lockout
 */
public record ThrottleState(int failures, Instant lockedUntil, Instant expiresAt) {

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
