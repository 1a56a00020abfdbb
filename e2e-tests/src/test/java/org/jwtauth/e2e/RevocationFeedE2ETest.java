package org.jwtauth.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The revocation window measured against the real jars: one auth server, and two resource services
 * that differ only in the optional revocation feed. After a user is revoked, the service without the
 * feed accepts the old access token until it expires (the window is the token lifetime), the one
 * polling the real {@code GET /auth/revocations} every second refuses it within a couple of seconds,
 * still validating every request offline.
 */
class RevocationFeedE2ETest {

    private static final Duration TTL = Duration.ofSeconds(8);
    private static final Duration POLL = Duration.ofSeconds(1);

    private static ServiceProcess auth;
    private static ServiceProcess withoutFeed;
    private static ServiceProcess withFeed;

    @BeforeAll
    static void startServices() throws Exception {
        Path work = Path.of(System.getProperty("e2e.workDir", "target/e2e")).resolve("revocation-feed");
        Path dataDir = work.resolve("auth-data");
        ServiceProcess.deleteRecursively(dataDir);
        String issuer = "http://auth.feed.e2e.test";
        auth = ServiceProcess.start("auth-server", "e2e.authServerJar", work, List.of(
                "--auth.data-dir=" + dataDir.toAbsolutePath(),
                "--auth.issuer=" + issuer,
                "--auth.access-token-ttl=" + TTL));
        auth.awaitReady("/.well-known/jwks.json", Duration.ofSeconds(60));
        List<String> common = List.of(
                "--resource.jwks-uri=" + auth.baseUrl() + "/.well-known/jwks.json",
                "--resource.issuer=" + issuer,
                "--resource.clock-skew=PT0S");
        withoutFeed = ServiceProcess.start("resource-service", "e2e.resourceServiceJar", work.resolve("without-feed"), common);
        withFeed = ServiceProcess.start("resource-service", "e2e.resourceServiceJar", work.resolve("with-feed"), concat(common, List.of(
                "--resource.revocation-feed.enabled=true",
                "--resource.revocation-feed.client-id=resource-service",
                "--resource.revocation-feed.client-secret=resource-service-secret",
                "--resource.revocation-feed.poll-interval=" + POLL)));
        withoutFeed.awaitReady("/api/public/ping", Duration.ofSeconds(60));
        withFeed.awaitReady("/api/public/ping", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopServices() throws Exception {
        for (ServiceProcess p : new ServiceProcess[] {withFeed, withoutFeed, auth}) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Test
    void theFeedShrinksTheWindowFromTheTokenLifetimeToAboutOnePoll() throws Exception {
        Http.Response login = Http.post(auth.baseUrl() + "/auth/login",
                Map.of("username", "alice", "password", "alice-password"), null);
        assertThat(login.status()).isEqualTo(200);
        String token = login.field("access_token");
        String refresh = login.field("refresh_token");
        assertThat(Http.get(withoutFeed.baseUrl() + "/api/me", token).status()).isEqualTo(200);
        assertThat(Http.get(withFeed.baseUrl() + "/api/me", token).status()).isEqualTo(200);
        Thread.sleep(1100); // the token's iat (whole seconds) lies before the revocation's second

        String admin = Http.post(auth.baseUrl() + "/auth/login",
                Map.of("username", "admin", "password", "admin-password"), null).field("access_token");
        assertThat(Http.post(auth.baseUrl() + "/admin/users/alice/revoke", Map.of(), admin).status()).isEqualTo(200);
        long revokedAt = System.nanoTime();
        assertThat(Http.post(auth.baseUrl() + "/auth/refresh", Map.of("refresh_token", refresh), null).status())
                .as("refresh is refused at once").isEqualTo(400);

        Duration withFeedWindow = null;
        Duration withoutFeedWindow = null;
        long deadline = revokedAt + TTL.plusSeconds(5).toNanos();
        while ((withFeedWindow == null || withoutFeedWindow == null) && System.nanoTime() < deadline) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - revokedAt);
            if (withFeedWindow == null && rejected(withFeed, token)) {
                withFeedWindow = elapsed;
            }
            if (withoutFeedWindow == null && rejected(withoutFeed, token)) {
                withoutFeedWindow = elapsed;
            }
            Thread.sleep(100);
        }
        System.out.printf("revocation window: with the feed %s, without it %s (token lifetime %s, poll %s)%n",
                withFeedWindow, withoutFeedWindow, TTL, POLL);
        assertThat(withFeedWindow).as("with the feed the old token is refused after about one poll").isNotNull()
                .isLessThan(POLL.multipliedBy(4));
        // Without the feed it stays valid until it expires: about the lifetime minus the 1.1 s spent above.
        assertThat(withoutFeedWindow).as("without the feed the old token lives out its lifetime").isNotNull()
                .isGreaterThan(TTL.minusSeconds(3));

        Http.Response me = Http.get(withFeed.baseUrl() + "/api/me", token);
        assertThat(me.header("WWW-Authenticate")).contains("invalid_token");
        String log = auth.logText() + withFeed.logText();
        assertThat(log).as("no secret reaches the logs").doesNotContain("resource-service-secret", "alice-password");

        // A re-enabled user's new tokens are accepted again: the feed only refuses tokens issued before the revocation.
        Thread.sleep(1100);
        admin = Http.post(auth.baseUrl() + "/auth/login",
                Map.of("username", "admin", "password", "admin-password"), null).field("access_token");
        assertThat(Http.post(auth.baseUrl() + "/admin/users/alice/enable", Map.of(), admin).status()).isEqualTo(200);
        String fresh = Http.post(auth.baseUrl() + "/auth/login",
                Map.of("username", "alice", "password", "alice-password"), null).field("access_token");
        assertThat(Http.get(withFeed.baseUrl() + "/api/me", fresh).status()).isEqualTo(200);
    }

    private static boolean rejected(ServiceProcess resource, String token) throws Exception {
        int status = Http.get(resource.baseUrl() + "/api/me", token).status();
        if (status != 200 && status != 401) {
            throw new AssertionError("unexpected status " + status);
        }
        return status == 401;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
