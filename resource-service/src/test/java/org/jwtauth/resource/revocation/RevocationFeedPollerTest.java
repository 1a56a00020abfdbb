package org.jwtauth.resource.revocation;

import org.jwtauth.resource.support.RevocationFeedTestServer;
import org.jwtauth.token.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jwtauth.resource.support.RevocationFeedTestServer.CLIENT_ID;
import static org.jwtauth.resource.support.RevocationFeedTestServer.CLIENT_SECRET;

/** The poller against a real HTTP feed, with a clock that moves only when the test says so. */
@ExtendWith(OutputCaptureExtension.class)
class RevocationFeedPollerTest {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    /** Generous: only the slow-feed test wants a fetch cut short, and it sets its own. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETENTION = Duration.ofHours(1);

    private final MutableClock clock = new MutableClock(START);
    private final RevocationFeedTestServer feed = RevocationFeedTestServer.start(clock::instant);
    private final RevokedUsers revoked = new RevokedUsers();
    private final RevocationFeedPoller poller = poller(feed.uri(), CLIENT_SECRET, 64 * 1024);
    private final RevocationFeedHealthIndicator health = new RevocationFeedHealthIndicator(poller, clock);

    private RevocationFeedPoller poller(URI uri, String secret, int maxBytes) {
        return poller(uri, secret, maxBytes, TIMEOUT);
    }

    private RevocationFeedPoller poller(URI uri, String secret, int maxBytes, Duration timeout) {
        return new RevocationFeedPoller(new RevocationFeedClient(uri, CLIENT_ID, secret, timeout, maxBytes),
                revoked, INTERVAL, RETENTION, clock);
    }

    @AfterEach
    void stop() {
        poller.stop();
        feed.stop();
    }

    @Test
    void appliesRevocationsFromTheFeed() {
        feed.revoke("alice", START.minusSeconds(30));

        assertThat(poller.poll()).isTrue();

        assertThat(revoked.isRevoked("alice", START.minusSeconds(31))).isTrue();
        assertThat(revoked.isRevoked("alice", START.minusSeconds(29))).isFalse();
        assertThat(revoked.isRevoked("bob", START.minusSeconds(31))).isFalse();
    }

    @Test
    void authenticatesWithHttpBasic() {
        poller.poll();

        assertThat(feed.authorizations()).containsExactly("Basic cmVzb3VyY2Utc2VydmljZTpyZXNvdXJjZS1zZXJ2aWNlLXNlY3JldA==");
    }

    @Test
    void firstPollLeavesTheRangeToTheServerLaterOnesOverlapThePreviousAsOf() {
        poller.poll();
        clock.advance(INTERVAL);
        feed.revoke("alice", clock.instant());
        poller.poll();
        clock.advance(INTERVAL);
        poller.poll();

        long asOfFirst = START.getEpochSecond();
        assertThat(feed.sinceParameters()).containsExactly("",
                String.valueOf(asOfFirst - 5),
                String.valueOf(asOfFirst + INTERVAL.toSeconds() - 5));
        assertThat(revoked.isRevoked("alice", START)).isTrue();
    }

    @Test
    void aRevocationJustBeforeTheAsOfOfTheLastPollIsNotMissed() {
        poller.poll();
        // The auth server's clock lagged: this revocation is stamped before the as_of already seen.
        feed.revoke("alice", START.minusSeconds(3));
        clock.advance(INTERVAL);
        poller.poll();

        assertThat(revoked.isRevoked("alice", START.minusSeconds(10))).isTrue();
    }

    @Test
    void revocationsOlderThanTheRetentionAreForgotten() {
        feed.revoke("alice", START);
        poller.poll();
        clock.advance(RETENTION.plusSeconds(1));
        poller.poll();

        assertThat(revoked.size()).isZero();
    }

    @Test
    void wrongCredentialsAreReportedNotFatalAndTheSecretIsNeverLogged(CapturedOutput output) {
        RevocationFeedPoller wrong = poller(feed.uri(), "not-the-secret", 64 * 1024);

        assertThat(wrong.poll()).isFalse();

        RevocationFeedPoller.FeedState state = wrong.state();
        assertThat(state.consecutiveFailures()).isEqualTo(1);
        assertThat(state.lastError()).contains("401", "invalid_client", "client-id");
        assertThat(output).contains("401").doesNotContain("not-the-secret", CLIENT_SECRET);
        Health h = new RevocationFeedHealthIndicator(wrong, clock).health();
        assertThat(h.getStatus()).isEqualTo(RevocationFeedHealthIndicator.STALE);
        assertThat(h.getDetails().get("last_error").toString()).contains("401");
        assertThat(h.toString()).doesNotContain("not-the-secret");
    }

    @Test
    void aMalformedAnswerKeepsWhatIsKnownAndTheNextPollAsksFromTheSamePoint() {
        feed.revoke("alice", START);
        poller.poll();
        feed.respondWith(200, "{\"revocations\":[],\"as_of\":\"soon\"}");
        clock.advance(INTERVAL);

        assertThat(poller.poll()).isFalse();
        assertThat(revoked.isRevoked("alice", START)).isTrue();

        feed.respondWith(200, null);
        poller.poll();
        assertThat(feed.sinceParameters()).containsExactly("", String.valueOf(START.getEpochSecond() - 5),
                String.valueOf(START.getEpochSecond() - 5));
    }

    @Test
    void anOversizedAnswerIsRefused() {
        feed.revoke("alice", START);
        poller.poll();
        String huge = "{\"revocations\":[" + "{\"sub\":\"x\",\"revoked_at\":1},".repeat(4000) + "{\"sub\":\"bob\",\"revoked_at\":"
                + START.getEpochSecond() + "}],\"as_of\":" + START.getEpochSecond() + "}";
        assertThat(huge.length()).isGreaterThan(64 * 1024);
        feed.respondWith(200, huge);

        assertThat(poller.poll()).isFalse();

        assertThat(poller.state().lastError()).contains("larger than");
        assertThat(revoked.isRevoked("bob", START)).isFalse();
        assertThat(revoked.isRevoked("alice", START)).isTrue();
    }

    @Test
    void aSlowFeedIsAbandonedAtTheTimeout() {
        RevocationFeedPoller impatient = poller(feed.uri(), CLIENT_SECRET, 64 * 1024, Duration.ofMillis(500));
        feed.delay(Duration.ofSeconds(60));

        long started = System.nanoTime();
        assertThat(impatient.poll()).isFalse();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // far below the feed's delay, however loaded the machine: the fetch was abandoned, not waited out
        assertThat(took).isLessThan(Duration.ofSeconds(30));
        assertThat(impatient.state().lastError()).contains("no complete response within");
    }

    @Test
    void serverErrorsAndAnUnreachableFeedAreFailedPolls() throws Exception {
        feed.respondWith(503, "{}");
        assertThat(poller.poll()).isFalse();
        assertThat(poller.state().lastError()).contains("HTTP status 503");

        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        RevocationFeedPoller unreachable = poller(URI.create("http://127.0.0.1:" + closedPort + "/auth/revocations"),
                CLIENT_SECRET, 64 * 1024);
        assertThat(unreachable.poll()).isFalse();
        assertThat(unreachable.state().lastError()).isNotBlank();
    }

    @Test
    void backsOffWhileFailingUpToAMinuteAndResetsOnSuccess() {
        assertThat(poller.nextDelay()).isEqualTo(INTERVAL);
        feed.respondWith(500, "{}");
        List<Duration> delays = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            poller.poll();
            delays.add(poller.nextDelay());
        }
        assertThat(delays).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
                Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60));

        feed.respondWith(200, null);
        poller.poll();
        assertThat(poller.nextDelay()).isEqualTo(INTERVAL);
    }

    @Test
    void anOutageIsLoggedOnceAndThenOnlyEveryFewMinutes(CapturedOutput output) {
        feed.respondWith(500, "{}");
        for (int i = 0; i < 10; i++) {
            poller.poll();
            clock.advance(Duration.ofSeconds(20));
        }
        assertThat(warnings(output)).isEqualTo(1);

        clock.advance(RevocationFeedPoller.WARN_REPEAT);
        poller.poll();
        assertThat(warnings(output)).isEqualTo(2);

        feed.respondWith(200, null);
        poller.poll();
        assertThat(output).contains("is reachable again after 11 failed poll(s)");
    }

    private static long warnings(CapturedOutput output) {
        return output.getOut().lines().filter(l -> l.contains("WARN") && l.contains("Revocation feed")).count();
    }

    @Test
    void healthIsUnknownBeforeTheFirstPollUpAfterASuccessAndStaleAfterThreeIntervalsWithout() {
        assertThat(health.health().getStatus()).isEqualTo(Status.UNKNOWN);

        poller.poll();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("stale", false).containsEntry("revoked_users", 0)
                .containsEntry("last_success", START.toString());

        feed.respondWith(500, "{}");
        clock.advance(INTERVAL);
        poller.poll();
        assertThat(health.health().getStatus()).as("one failure within the window").isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("consecutive_failures", 1);

        clock.advance(INTERVAL.multipliedBy(2).plusSeconds(1));
        assertThat(health.health().getStatus()).isEqualTo(RevocationFeedHealthIndicator.STALE);
        assertThat(health.health().getDetails()).containsEntry("stale", true).containsKey("last_error");

        feed.respondWith(200, null);
        poller.poll();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void healthOfADisabledFeed() {
        assertThat(new RevocationFeedHealthIndicator(null, clock).health().getStatus())
                .isEqualTo(RevocationFeedHealthIndicator.DISABLED);
    }

    @Test
    void onceStartedItPollsByItselfAtTheInterval() throws Exception {
        RevocationFeedPoller fast = new RevocationFeedPoller(
                new RevocationFeedClient(feed.uri(), CLIENT_ID, CLIENT_SECRET, TIMEOUT, 64 * 1024),
                revoked, Duration.ofMillis(100), RETENTION, clock);
        feed.revoke("alice", START);
        fast.start();
        try {
            // Known when start() returns, so the first poll ran during start-up (and a poll may have followed).
            assertThat(revoked.isRevoked("alice", START)).as("the first poll runs during start-up").isTrue();
            assertThat(feed.requests()).isPositive();
            feed.revoke("bob", START);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (feed.requests() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(feed.requests()).isGreaterThanOrEqualTo(4);
            assertThat(revoked.isRevoked("bob", START)).isTrue();
        } finally {
            fast.stop();
        }
        assertThat(fast.isRunning()).isFalse();
        int after = feed.requests();
        Thread.sleep(300);
        assertThat(feed.requests()).as("no polls after stop").isLessThanOrEqualTo(after + 1);
    }
}
