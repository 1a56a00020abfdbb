package org.jwtauth.auth.throttle;

import org.jwtauth.auth.audit.AuditLog;
import org.jwtauth.auth.config.AuthProperties;
import org.jwtauth.auth.error.TooManyRequestsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Brute-force protection of one kind of credential: failures are counted per principal (a normalised
 * username, a client id; whether or not it exists, so a lockout reveals nothing) and per client
 * address, and a locked key is refused with 429 before its secret is even looked at. Counters live
 * in the database, shared by every replica. {@link LoginThrottle} and {@link ClientThrottle} are the two.
 * <p>
 * Use: {@link #check} before verifying the secret, then {@link #failed} or {@link #succeeded}.
 * The client address is {@code HttpServletRequest.getRemoteAddr()}; behind a reverse proxy, set
 * {@code server.forward-headers-strategy=native} so that it is the real client, not the proxy.
 */
public class Throttle {

    /**
     * What differs between the throttles: how their keys are made, and how their audit events and
     * refusal read.
     *
     * @param event          the audit events' prefix: {@code <event>_throttled}, {@code <event>_locked}
     * @param principalField the principal's name in audit events
     */
    record Kind(String event, String principalField, UnaryOperator<String> normalise,
                BiFunction<String, String, ThrottleKey> principalKey, Function<String, ThrottleKey> addressKey,
                String refusal) {
    }

    /** Expired rows are deleted at most this often per instance, piggybacked on the throttle's own traffic. */
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(Throttle.class);

    private final Kind kind;
    private final LoginThrottleStore store;
    private final AuthProperties.Throttling settings;
    private final ThrottlePolicy principalPolicy;
    private final ThrottlePolicy addressPolicy;
    private final Clock clock;
    private final AuditLog audit;
    private final AtomicReference<Instant> nextPurge = new AtomicReference<>(Instant.MIN);

    Throttle(Kind kind, AuthProperties.Throttling settings, LoginThrottleStore store, Clock clock, AuditLog audit) {
        this.kind = kind;
        this.store = store;
        this.settings = settings;
        this.principalPolicy = ThrottlePolicy.forPrincipals(settings);
        this.addressPolicy = ThrottlePolicy.forAddresses(settings);
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * One attempt, as seen before its secret is checked.
     *
     * @param principal          the normalised username or the client id
     * @param principalRowExists whether the principal had a counter, so that a success only deletes when there is something to delete
     */
    public record Attempt(String principal, String address, ThrottleKey principalKey, ThrottleKey addressKey,
                          boolean principalRowExists) {
    }

    /**
     * Refuses the attempt while its principal or its address is locked; the answer does not depend on
     * whether the principal exists. Costs one indexed read for both keys.
     *
     * @throws TooManyRequestsException while locked, with the time left
     */
    public Attempt check(String principal, String clientAddress) {
        String name = kind.normalise().apply(principal);
        ThrottleKey principalKey = kind.principalKey().apply(name, clientAddress);
        ThrottleKey addressKey = kind.addressKey().apply(clientAddress);
        if (!settings.enabled()) {
            return new Attempt(name, clientAddress, principalKey, addressKey, false);
        }
        Instant now = now();
        String principalHash = principalKey.hash();
        String addressHash = addressKey.hash();
        Map<String, ThrottleState> states = store.find(List.of(principalHash, addressHash));
        ThrottleState byPrincipal = states.get(principalHash);
        Instant principalLock = lockedUntil(byPrincipal, now);
        Instant addressLock = lockedUntil(states.get(addressHash), now);
        if (principalLock != null || addressLock != null) {
            // the longer lockout is the one the client has to wait for
            boolean first = principalLock != null && (addressLock == null || !principalLock.isBefore(addressLock));
            long retryAfter = retryAfterSeconds(now, first ? principalLock : addressLock);
            audit.repeatable(kind.event() + "_throttled", name, kind.principalField(), name, "address", clientAddress,
                    "retry_after_s", retryAfter, "scope", (first ? principalKey : addressKey).scope().label());
            throw new TooManyRequestsException(kind.refusal(), retryAfter);
        }
        return new Attempt(name, clientAddress, principalKey, addressKey, byPrincipal != null);
    }

    /** Counts a failed check (wrong secret, unknown or disabled principal alike) against both keys. */
    public void failed(Attempt attempt) {
        if (!settings.enabled()) {
            return;
        }
        Instant now = now();
        count(attempt, attempt.principalKey(), principalPolicy, now);
        count(attempt, attempt.addressKey(), addressPolicy, now);
        purgeOccasionally(now);
    }

    /**
     * Forgets the principal's failures. The address keeps its count: otherwise an attacker who knows one
     * valid secret could reset the address's budget at will.
     */
    public void succeeded(Attempt attempt) {
        if (!settings.enabled()) {
            return;
        }
        if (attempt.principalRowExists()) {
            store.delete(attempt.principalKey().hash());
        }
        purgeOccasionally(now());
    }

    private void count(Attempt attempt, ThrottleKey key, ThrottlePolicy policy, Instant now) {
        ThrottleState state = store.update(key, current -> policy.afterFailure(current, now));
        if (state.lockedAt(now)) {
            // bounded by the throttle itself: at most one per key and lockout
            audit.event(kind.event() + "_locked", kind.principalField(), attempt.principal(),
                    "address", attempt.address(), "retry_after_s", retryAfterSeconds(now, state.lockedUntil()),
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
