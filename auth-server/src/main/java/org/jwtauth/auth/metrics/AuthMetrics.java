package org.jwtauth.auth.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The auth server's own counters, in Micrometer's dot style (Prometheus: {@code auth_logins_total} etc.):
 * <ul>
 *   <li>{@code auth.logins{outcome=success|bad_credentials|disabled|throttled}}</li>
 *   <li>{@code auth.refreshes{outcome=success|invalid|reused}}</li>
 *   <li>{@code auth.refresh.reuse.detected}: a rotated refresh token presented again, its family revoked</li>
 * </ul>
 * Tags are fixed enums: never a username, token or address, so the number of series is bounded. Every
 * series is registered at start, so that it reads 0 rather than being absent.
 */
@Component
public class AuthMetrics {

    public enum LoginOutcome {
        SUCCESS,
        /** Unknown user or wrong password: the client cannot tell which, and neither can this tag. */
        BAD_CREDENTIALS,
        /** Right password, disabled (revoked) user. */
        DISABLED,
        /** Refused by the brute-force throttle before the password was checked. */
        THROTTLED,
        /** Right password, a scope the user may not have (the admin scope without the ADMIN role). */
        INVALID_SCOPE
    }

    public enum RefreshOutcome {
        SUCCESS,
        /** Malformed, unknown, expired or revoked token, disabled user, or a lost race. */
        INVALID,
        /** A rotated token presented again: its whole family was revoked. */
        REUSED
    }

    private final Map<LoginOutcome, Counter> logins = new EnumMap<>(LoginOutcome.class);
    private final Map<RefreshOutcome, Counter> refreshes = new EnumMap<>(RefreshOutcome.class);
    private final Counter reuseDetected;

    public AuthMetrics(MeterRegistry registry) {
        for (LoginOutcome outcome : LoginOutcome.values()) {
            logins.put(outcome, Counter.builder("auth.logins").description("Password logins, by outcome")
                    .tag("outcome", tag(outcome)).register(registry));
        }
        for (RefreshOutcome outcome : RefreshOutcome.values()) {
            refreshes.put(outcome, Counter.builder("auth.refreshes").description("Refresh-token grants, by outcome")
                    .tag("outcome", tag(outcome)).register(registry));
        }
        reuseDetected = Counter.builder("auth.refresh.reuse.detected")
                .description("Rotated refresh tokens presented again; each revoked its whole family").register(registry);
    }

    public void login(LoginOutcome outcome) {
        logins.get(outcome).increment();
    }

    public void refresh(RefreshOutcome outcome) {
        refreshes.get(outcome).increment();
        if (outcome == RefreshOutcome.REUSED) {
            reuseDetected.increment();
        }
    }

    private static String tag(Enum<?> outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }
}
