package org.jwtauth.auth.throttle;

import org.jwtauth.auth.config.AuthProperties;

import java.time.Duration;
import java.time.Instant;

/**
 * How one scope (usernames or addresses) reacts to a failure. Pure arithmetic, kept apart from the
 * storage so that it can be reasoned about and tested on its own.
 * <p>
 * The first failure opens a window; the {@code maxFailures}-th failure within it locks the key for
 * {@code lockout}, and every further failure locks it for twice as long as the one before, up to
 * {@code maxLockout}. A lockout keeps the count alive for another {@code window} after it ends: were
 * the count forgotten with the first window, a patient attacker would get a fresh set of free guesses
 * before the lockout could ever grow to its cap.
 */
public record ThrottlePolicy(int maxFailures, Duration window, Duration lockout, Duration maxLockout) {

    static ThrottlePolicy forPrincipals(AuthProperties.Throttling settings) {
        return new ThrottlePolicy(settings.maxFailuresPerPrincipal(), settings.window(), settings.lockout(), settings.maxLockout());
    }

    static ThrottlePolicy forAddresses(AuthProperties.Throttling settings) {
        return new ThrottlePolicy(settings.maxFailuresPerAddress(), settings.window(), settings.lockout(), settings.maxLockout());
    }

    /** The state after one more failure at {@code now}; {@code current} is null or expired for a fresh start. */
    public ThrottleState afterFailure(ThrottleState current, Instant now) {
        if (current == null || current.expiredAt(now)) {
            current = new ThrottleState(0, null, now.plus(window));
        }
        int failures = current.failures() == Integer.MAX_VALUE ? Integer.MAX_VALUE : current.failures() + 1;
        if (failures < maxFailures) {
            return new ThrottleState(failures, current.lockedUntil(), current.expiresAt());
        }
        Instant lockedUntil = now.plus(lockoutAfter(failures));
        if (current.lockedAt(lockedUntil)) {
            // A failure that raced past the check of a concurrent lockout never shortens it.
            lockedUntil = current.lockedUntil();
        }
        return new ThrottleState(failures, lockedUntil, lockedUntil.plus(window));
    }

    /** {@code lockout × 2^(failures − maxFailures)}, at most {@code maxLockout}. */
    public Duration lockoutAfter(int failures) {
        Duration d = lockout;
        for (int i = maxFailures; i < failures && d.compareTo(maxLockout) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxLockout) > 0 ? maxLockout : d;
    }
}
