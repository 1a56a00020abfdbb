package org.jwtauth.resource.revocation;

import org.jwtauth.resource.revocation.RevocationFeedPoller.FeedState;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Health component {@code revocationFeed}. A feed that has not answered for a few intervals is
 * {@link #STALE}, not {@code DOWN}: the service keeps validating tokens (with the revocations it
 * knows), so it must not drop out of a load balancer. {@code STALE} and {@link #DISABLED} come after
 * {@code UP} in {@code management.endpoint.health.status.order}, so they never change the overall
 * status; the {@code revocation-feed} health group shows them (details to admins only).
 */
public final class RevocationFeedHealthIndicator implements HealthIndicator {

    /** The feed has not answered successfully within {@link #STALE_AFTER_INTERVALS} poll intervals. */
    public static final Status STALE = new Status("STALE", "no successful poll of the revocation feed recently");
    public static final Status DISABLED = new Status("DISABLED", "resource.revocation-feed.enabled is false");

    static final int STALE_AFTER_INTERVALS = 3;

    private final RevocationFeedPoller poller;
    private final Clock clock;

    /** @param poller null when the feed is disabled */
    RevocationFeedHealthIndicator(RevocationFeedPoller poller, Clock clock) {
        this.poller = poller;
        this.clock = clock;
    }

    @Override
    public Health health() {
        if (poller == null) {
            return Health.status(DISABLED).build();
        }
        FeedState state = poller.state();
        if (state.lastAttempt() == null) {
            return Health.unknown().withDetail("stale", false).build();
        }
        Duration staleAfter = state.pollInterval().multipliedBy(STALE_AFTER_INTERVALS);
        boolean stale = state.lastSuccess() == null || state.lastSuccess().plus(staleAfter).isBefore(clock.instant());
        Health.Builder health = Health.status(stale ? STALE : Status.UP)
                .withDetail("stale", stale)
                .withDetail("revoked_users", state.revokedUsers())
                .withDetail("poll_interval", state.pollInterval().toString())
                .withDetail("last_attempt", state.lastAttempt().toString())
                .withDetail("consecutive_failures", state.consecutiveFailures());
        put(health, "last_success", state.lastSuccess());
        put(health, "as_of", state.asOf());
        if (state.lastError() != null) {
            health.withDetail("last_error", state.lastError());
        }
        return health.build();
    }

    private static void put(Health.Builder health, String name, Instant value) {
        if (value != null) {
            health.withDetail(name, value.toString());
        }
    }
}
