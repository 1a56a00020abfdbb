package org.jwtauth.auth.throttle;

import org.jwtauth.auth.audit.AuditLog;
import org.jwtauth.auth.config.AuthProperties;
import org.jwtauth.auth.error.TooManyRequestsException;
import org.jwtauth.auth.user.UserNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Brute-force protection of the password login: failures are counted per normalised username
 * (whether or not that user exists, so a lockout reveals nothing) and per client address, and a
 * locked key is refused with 429 before its password is even looked at.
 * <p>
 * Use: {@link #check} before verifying the password, then {@link #failed} or {@link #succeeded}.
 * The client address is {@code HttpServletRequest.getRemoteAddr()}; behind a reverse proxy, set
 * {@code server.forward-headers-strategy=native} so that it is the real client, not the proxy.
 */
@Component
public class LoginThrottle {

    static final String REFUSAL = "Too many failed logins; try again later";

    /** Expired rows are deleted at most this often per instance, piggybacked on logins. */
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final LoginThrottleStore store;
    private final AuthProperties.LoginThrottle settings;
    private final ThrottlePolicy userPolicy;
    private final ThrottlePolicy addressPolicy;
    private final Clock clock;
    private final AuditLog audit;
    private final AtomicReference<Instant> nextPurge = new AtomicReference<>(Instant.MIN);

    public LoginThrottle(LoginThrottleStore store, AuthProperties properties, Clock clock, AuditLog audit) {
        this.store = store;
        this.settings = properties.loginThrottle();
        this.userPolicy = ThrottlePolicy.forUsers(settings);
        this.addressPolicy = ThrottlePolicy.forAddresses(settings);
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * One login attempt, as seen before its password is checked.
     *
     * @param userRowExists whether the username had a counter, so that a success only deletes when there is something to delete
     */
    public record Attempt(String username, String address, ThrottleKey userKey, ThrottleKey addressKey,
                          boolean userRowExists) {
    }

    /**
     * Refuses the attempt while its username or its address is locked; the answer does not depend on
     * whether the user exists. Costs one indexed read for both keys.
     *
     * @throws TooManyRequestsException while locked, with the time left
     */
    public Attempt check(String username, String clientAddress) {
        String name = UserNames.normalise(username);
        ThrottleKey userKey = ThrottleKey.user(name);
        ThrottleKey addressKey = ThrottleKey.address(clientAddress);
        if (!settings.enabled()) {
            return new Attempt(name, clientAddress, userKey, addressKey, false);
        }
        Instant now = now();
        String userHash = userKey.hash();
        String addressHash = addressKey.hash();
        Map<String, ThrottleState> states = store.find(List.of(userHash, addressHash));
        ThrottleState user = states.get(userHash);
        ThrottleState address = states.get(addressHash);
        Instant userLock = lockedUntil(user, now);
        Instant addressLock = lockedUntil(address, now);
        if (userLock != null || addressLock != null) {
            // the longer lockout is the one the client has to wait for
            boolean byUser = userLock != null && (addressLock == null || !userLock.isBefore(addressLock));
            long retryAfter = retryAfterSeconds(now, byUser ? userLock : addressLock);
            audit.event("login_throttled", "user", name, "address", clientAddress, "retry_after_s", retryAfter,
                    "scope", byUser ? ThrottleKey.Scope.USER.label() : ThrottleKey.Scope.ADDRESS.label());
            throw new TooManyRequestsException(REFUSAL, retryAfter);
        }
        return new Attempt(name, clientAddress, userKey, addressKey, user != null);
    }

    /** Counts a failed password check (wrong password, unknown or disabled user alike) against both keys. */
    public void failed(Attempt attempt) {
        if (!settings.enabled()) {
            return;
        }
        Instant now = now();
        count(attempt, attempt.userKey(), userPolicy, now);
        count(attempt, attempt.addressKey(), addressPolicy, now);
        purgeOccasionally(now);
    }

    /**
     * Forgets the username's failures. The address keeps its count: otherwise an attacker who knows one
     * valid password could reset the address's budget at will.
     */
    public void succeeded(Attempt attempt) {
        if (!settings.enabled()) {
            return;
        }
        if (attempt.userRowExists()) {
            store.delete(attempt.userKey().hash());
        }
        purgeOccasionally(now());
    }

    private void count(Attempt attempt, ThrottleKey key, ThrottlePolicy policy, Instant now) {
        ThrottleState state = store.update(key, current -> policy.afterFailure(current, now));
        if (state.lockedAt(now)) {
            audit.event("login_locked", "user", attempt.username(), "address", attempt.address(),
                    "retry_after_s", retryAfterSeconds(now, state.lockedUntil()),
                    "scope", key.scope().label(), "failures", state.failures());
        }
    }

    /** Keeps the table bounded without a scheduler: expired rows are deleted now and then. */
    private void purgeOccasionally(Instant now) {
        Instant due = nextPurge.get();
        if (now.isBefore(due) || !nextPurge.compareAndSet(due, now.plus(PURGE_INTERVAL))) {
            return;
        }
        try {
            int purged = store.purgeExpired(now);
            log.debug("Purged {} expired login-throttle rows", purged);
        } catch (DataAccessException e) {
            // Housekeeping only: the login itself has been handled, and expired rows are ignored anyway.
            log.warn("Could not purge expired login-throttle rows: {}", e.getMessage());
        }
    }

    /** Microseconds, the database's precision, so that what is stored is exactly what was computed. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant lockedUntil(ThrottleState state, Instant now) {
        return state != null && state.lockedAt(now) ? state.lockedUntil() : null;
    }

    /** Whole seconds, rounded up and at least 1: {@code Retry-After: 0} would invite an immediate retry. */
    static long retryAfterSeconds(Instant now, Instant until) {
        Duration left = Duration.between(now, until);
        return Math.max(1, left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0));
    }
}
