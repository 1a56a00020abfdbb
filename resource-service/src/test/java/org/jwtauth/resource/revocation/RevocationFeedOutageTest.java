package org.jwtauth.resource.revocation;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.resource.support.ApiTestSupport;
import org.jwtauth.resource.support.JwksTestServer;
import org.jwtauth.resource.support.MutableClockInitializer;
import org.jwtauth.resource.support.RevocationFeedTestServer;
import org.jwtauth.resource.support.TestKey;
import org.jwtauth.resource.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A feed that refuses our credentials, and then one that is gone, costs nothing but freshness: the
 * service starts, keeps validating tokens, stays UP overall, and reports the feed STALE.
 */
class RevocationFeedOutageTest extends ApiTestSupport {

    private static final TestKey KEY = TestKey.generate();
    private static final JwksTestServer JWKS = JwksTestServer.start(KEY);
    private static final RevocationFeedTestServer FEED = RevocationFeedTestServer.start(() -> MutableClockInitializer.START);

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("resource.jwks-uri", () -> JWKS.uri().toString());
        registry.add("resource.revocation-feed.enabled", () -> "true");
        registry.add("resource.revocation-feed.uri", () -> FEED.uri().toString());
        registry.add("resource.revocation-feed.client-id", () -> RevocationFeedTestServer.CLIENT_ID);
        registry.add("resource.revocation-feed.client-secret", () -> "wrong-secret");
        registry.add("resource.revocation-feed.poll-interval", () -> "PT1H");
    }

    @AfterAll
    static void stopServers() {
        JWKS.stop();
        FEED.stop();
    }

    @Autowired
    RevocationFeedPoller poller;

    @Test
    void wrongCredentialsThenAnUnreachableFeedAreReportedButTokensKeepWorking() {
        assertThat(FEED.requests()).as("the start-up poll was refused, and the service started anyway").isPositive();
        assertThat(get("/api/hello", token("USER")).getStatusCode().value()).isEqualTo(200);
        assertThat(json(get(management("/actuator/health"), null)).get("status").asText()).isEqualTo("UP");
        assertThat(json(get(management("/actuator/health/revocation-feed"), null)).get("status").asText()).isEqualTo("STALE");
        JsonNode details = feedDetails();
        assertThat(details.get("last_error").asText()).contains("HTTP 401 invalid_client");
        assertThat(details.has("last_success")).isFalse();
        assertThat(details.toString()).doesNotContain("wrong-secret");

        FEED.stop();
        assertThat(poller.poll()).isFalse();

        assertThat(get("/api/me", token("USER")).getStatusCode().value()).isEqualTo(200);
        assertThat(json(get(management("/actuator/health"), null)).get("status").asText()).isEqualTo("UP");
        assertThat(json(get("/readyz", null)).get("status").asText()).isEqualTo("UP");
        assertThat(json(get(management("/actuator/health/revocation-feed"), null)).get("status").asText()).isEqualTo("STALE");
        assertThat(feedDetails().get("consecutive_failures").asInt()).isGreaterThanOrEqualTo(2);
    }

    private JsonNode feedDetails() {
        return json(get(management("/actuator/health/revocation-feed"), null)).get("components").get("revocationFeed").get("details");
    }

    private String token(String role) {
        return Tokens.accessToken(KEY, clock.instant(), "alice", role);
    }
}
