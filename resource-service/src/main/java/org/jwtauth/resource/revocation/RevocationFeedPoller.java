package org.jwtauth.resource.revocation;

import org.jwtauth.resource.http.BoundedHttp;
import org.jwtauth.resource.revocation.RevocationFeedAnswer.Revocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls the revocation feed every {@code pollInterval} on its own thread and keeps {@link RevokedUsers}
 * up to date. A failed poll (network, status, size, timeout, shape) changes nothing: the revocations
 * already known keep applying and tokens keep being validated offline; the poller backs off (up to
 * {@link #MAX_BACKOFF}) and logs a warning at the start of an outage and then only every
 * {@link #WARN_REPEAT}, not on every attempt.
 * <p>
 * The first poll runs during start-up, before the web server takes requests, so a restarted service
 * knows the recent revocations from its first request on (a failure there is logged, not fatal).
 */
public final class RevocationFeedPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RevocationFeedPoller.class);

    /** Each poll asks again for this much before the previous answer's as_of, so clock steps lose nothing. */
    static final Duration OVERLAP = Duration.ofSeconds(5);
    /** Longest wait between attempts while the feed fails (or the poll interval, if longer). */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    /** While the feed keeps failing, the warning is repeated this often. */
    static final Duration WARN_REPEAT = Duration.ofMinutes(5);

    private final RevocationFeedClient client;
    private final RevokedUsers revokedUsers;
    private final Duration pollInterval;
    private final Duration retention;
    private final Clock clock;

    // Written under the poll lock, read without it by the health indicator.
    private volatile Instant lastAttempt;
    private volatile Instant lastSuccess;
    private volatile Instant lastAsOf;
    private volatile int consecutiveFailures;
    private volatile String lastError;
    private Instant lastWarning;

    private volatile ScheduledExecutorService scheduler;

    RevocationFeedPoller(RevocationFeedClient client, RevokedUsers revokedUsers, Duration pollInterval, Duration retention,
                         Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.revokedUsers = Objects.requireNonNull(revokedUsers, "revokedUsers");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Polls once now; called by the schedule, and by tests that must not wait for it. */
    public synchronized boolean poll() {
        Instant started = clock.instant();
        lastAttempt = started;
        Instant since = lastAsOf == null ? null : lastAsOf.minus(OVERLAP);
        if (since != null && since.isBefore(Instant.EPOCH)) {
            since = Instant.EPOCH;
        }
        try {
            RevocationFeedAnswer answer = client.fetch(since);
            apply(answer, started);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (scheduler != null) {
                failed(started, "interrupted");
            } // else: stopping, which interrupts a poll in flight; that is no failure of the feed
        } catch (Exception e) {
            failed(started, BoundedHttp.describe(e));
        }
        return false;
    }

    private void apply(RevocationFeedAnswer answer, Instant now) {
        int known = revokedUsers.size();
        for (Revocation revocation : answer.revocations()) {
            revokedUsers.revoke(revocation.subject(), revocation.revokedAt());
        }
        int forgotten = revokedUsers.forgetBefore(now.minus(retention));
        lastAsOf = answer.asOf();
        lastSuccess = now;
        if (consecutiveFailures > 0) {
            log.info("Revocation feed {} is reachable again after {} failed poll(s)", client.uri(), consecutiveFailures);
        }
        consecutiveFailures = 0;
        lastError = null;
        lastWarning = null;
        int added = revokedUsers.size() - known + forgotten;
        if (added > 0 || forgotten > 0) {
            log.info("Revocation feed: {} user(s) newly revoked, {} revocation(s) past retention forgotten, {} known",
                    added, forgotten, revokedUsers.size());
        }
        if (log.isDebugEnabled()) {
            log.debug("Revocation feed answered {} entr(ies) as of {}: {}", answer.revocations().size(), answer.asOf(),
                    answer.revocations().stream().map(Revocation::subject).toList());
        }
    }

    private void failed(Instant now, String error) {
        consecutiveFailures++;
        boolean newError = !error.equals(lastError);
        lastError = error;
        if (consecutiveFailures == 1 || newError || lastWarning == null || !now.isBefore(lastWarning.plus(WARN_REPEAT))) {
            lastWarning = now;
            log.warn("Revocation feed {} failed ({}), {} time(s) in a row; still validating tokens and applying the {} "
                            + "known revocation(s); next attempt in {}",
                    client.uri(), error, consecutiveFailures, revokedUsers.size(), nextDelay());
        } else {
            log.debug("Revocation feed {} failed again ({}), {} time(s) in a row", client.uri(), error, consecutiveFailures);
        }
    }

    /** The poll interval, or after failures an interval doubling up to {@link #MAX_BACKOFF}. */
    Duration nextDelay() {
        int failures = consecutiveFailures;
        if (failures == 0) {
            return pollInterval;
        }
        Duration cap = pollInterval.compareTo(MAX_BACKOFF) > 0 ? pollInterval : MAX_BACKOFF;
        Duration delay = pollInterval.multipliedBy(1L << Math.min(failures - 1, 20));
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    /** A consistent enough view for the health indicator. */
    FeedState state() {
        return new FeedState(lastAttempt, lastSuccess, lastAsOf, consecutiveFailures, lastError, revokedUsers.size(),
                pollInterval);
    }

    record FeedState(Instant lastAttempt, Instant lastSuccess, Instant asOf, int consecutiveFailures, String lastError,
                     int revokedUsers, Duration pollInterval) {
    }

    private void pollAndReschedule() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.error("Revocation feed poll failed unexpectedly", e); // never let the schedule die
        } finally {
            schedule(nextDelay());
        }
    }

    private void schedule(Duration delay) {
        ScheduledExecutorService s = scheduler;
        if (s != null && !s.isShutdown()) {
            s.schedule(this::pollAndReschedule, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void start() {
        log.info("Revocation feed enabled: polling {} every {}", client.uri(), pollInterval);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "revocation-feed");
            t.setDaemon(true);
            return t;
        });
        pollAndReschedule();
    }

    @Override
    public void stop() {
        ScheduledExecutorService s = scheduler;
        scheduler = null;
        if (s != null) {
            s.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /**
     * Starts before the web server (Boot's WebServerStartStopLifecycle runs at {@code DEFAULT_PHASE - 2048}),
     * so the first poll is done before the first request arrives; stops after it.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
