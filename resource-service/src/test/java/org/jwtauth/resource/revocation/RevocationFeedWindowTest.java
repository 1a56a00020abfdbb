package org.jwtauth.resource.revocation;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.resource.security.TokenValidationStats;
import org.jwtauth.resource.support.ApiTestSupport;
import org.jwtauth.resource.support.JwksTestServer;
import org.jwtauth.resource.support.MutableClockInitializer;
import org.jwtauth.resource.support.RevocationFeedTestServer;
import org.jwtauth.resource.support.TestKey;
import org.jwtauth.resource.support.Tokens;
import org.jwtauth.token.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the feed on, a revoked user's token is refused from the first poll after the revocation on:
 * the window is about one poll interval instead of the token lifetime. The test triggers the poll
 * itself (the configured interval is an hour) instead of waiting for it.
 */
class RevocationFeedWindowTest extends ApiTestSupport {

    private static final TestKey KEY = TestKey.generate();
    private static final JwksTestServer JWKS = JwksTestServer.start(KEY);
    private static volatile MutableClock appClock;
    private static final RevocationFeedTestServer FEED = RevocationFeedTestServer.start(
            () -> appClock != null ? appClock.instant() : MutableClockInitializer.START);

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("resource.jwks-uri", () -> JWKS.uri().toString());
        registry.add("resource.revocation-feed.enabled", () -> "true");
        registry.add("resource.revocation-feed.uri", () -> FEED.uri().toString());
        registry.add("resource.revocation-feed.client-id", () -> RevocationFeedTestServer.CLIENT_ID);
        registry.add("resource.revocation-feed.client-secret", () -> RevocationFeedTestServer.CLIENT_SECRET);
        registry.add("resource.revocation-feed.poll-interval", () -> "PT1H");
    }

    @AfterAll
    static void stopServers() {
        JWKS.stop();
        FEED.stop();
    }

    @Autowired
    RevocationFeedPoller poller;

    @Autowired
    TokenValidationStats stats;

    @BeforeEach
    void shareTheClock() {
        appClock = clock;
    }

    @Autowired
    ApplicationContext context;

    @Test
    void theFirstPollRanDuringStartUpBeforeTheWebServerTookRequests() {
        assertThat(FEED.sinceParameters()).isNotEmpty().first().isEqualTo("");
        assertThat(poller.getPhase()).isLessThan(context.getBean("webServerStartStop", SmartLifecycle.class).getPhase());
    }

    @Test
    void aRevokedUsersTokenIsRefusedFromTheNextPollOnNotFromItsExpiry() {
        String alice = token("alice");
        String bob = token("bob");
        assertThat(status(get("/api/me", alice))).isEqualTo(200); // validated, and now in the token cache

        clock.advance(Duration.ofMinutes(1));
        FEED.revoke("id-alice", clock.instant());
        assertThat(status(get("/api/me", alice))).as("until the next poll: the remaining window").isEqualTo(200);

        long rejected = stats.rejected();
        assertThat(poller.poll()).isTrue();

        ResponseEntity<String> refused = get("/api/me", alice);
        assertInvalidToken(refused);
        assertThat(challenge(refused)).contains("error_description=\"The access token has been revoked\"");
        assertThat(stats.rejected()).as("counted like every other rejection").isEqualTo(rejected + 1);
        assertThat(status(get("/api/hello", bob))).as("other users are unaffected").isEqualTo(200);

        // Re-enabled, alice logs in again: tokens issued after the revocation pass.
        clock.advance(Duration.ofSeconds(1));
        assertThat(status(get("/api/me", token("alice")))).isEqualTo(200);
        assertInvalidToken(get("/api/me", alice));
    }

    @Test
    void knownRevocationsKeepApplyingWhileTheFeedFails() {
        String carol = token("carol");
        clock.advance(Duration.ofSeconds(10));
        FEED.revoke("id-carol", clock.instant());
        poller.poll();
        assertInvalidToken(get("/api/me", carol));

        FEED.respondWith(503, "{}");
        try {
            clock.advance(Duration.ofSeconds(10));
            assertThat(poller.poll()).isFalse();

            assertInvalidToken(get("/api/me", carol));
            assertThat(status(get("/api/me", token("dave")))).as("validation goes on offline").isEqualTo(200);
        } finally {
            FEED.respondWith(200, null);
            poller.poll();
        }
    }

    @Test
    void theFeedHasItsOwnHealthGroupOnTheManagementPortAndTheOverallStatusStaysUp() {
        poller.poll();

        JsonNode group = json(get(management("/actuator/health/revocation-feed"), null));
        assertThat(group.get("status").asText()).isEqualTo("UP");
        JsonNode feed = group.get("components").get("revocationFeed");
        assertThat(feed.get("status").asText()).isEqualTo("UP");
        assertThat(feed.get("details").get("stale").asBoolean()).isFalse();
        assertThat(feed.get("details").get("last_success").asText()).isEqualTo(clock.instant().toString());

        assertThat(json(get(management("/actuator/health"), null)).get("status").asText()).isEqualTo("UP");
        // the public port has the probes only, and no health details at all
        assertThat(status(get("/actuator/health/revocation-feed", null))).isNotEqualTo(200);
        assertThat(json(get("/readyz", null)).has("components")).isFalse();
    }

    private String token(String username) {
        return Tokens.accessToken(KEY, clock.instant(), username, "USER");
    }

    private static int status(ResponseEntity<String> response) {
        return response.getStatusCode().value();
    }
}
