package org.jwtauth.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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

    /** Long enough for the revoke, the probes and a poll or two to fall inside it on a loaded machine. */
    private static final Duration TTL = Duration.ofSeconds(15);
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
        auth.awaitReady("/.well-known/jwks.json", ServiceProcess.STARTUP);
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
        withoutFeed.awaitReady("/api/public/ping", ServiceProcess.STARTUP);
        withFeed.awaitReady("/api/public/ping", ServiceProcess.STARTUP);
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
        // The admin's token first, so that only the revoke call lies between alice's login and the revocation.
        String admin = adminToken();
        Http.Response login = Http.post(auth.baseUrl() + "/auth/login",
                Map.of("username", "alice", "password", "alice-password"), null);
        assertThat(login.status()).isEqualTo(200);
        String token = login.field("access_token");
        String refresh = login.field("refresh_token");
        Instant exp = expiry(token);
        assertThat(Http.get(withoutFeed.baseUrl() + "/api/me", token).status()).isEqualTo(200);
        assertThat(Http.get(withFeed.baseUrl() + "/api/me", token).status()).isEqualTo(200);
        Thread.sleep(1100); // the token's iat (whole seconds) lies before the revocation's second

        assertThat(Http.post(auth.baseUrl() + "/admin/users/alice/revoke", Map.of(), admin).status()).isEqualTo(200);
        Instant revokedAt = Instant.now();
        assertThat(Http.post(auth.baseUrl() + "/auth/refresh", Map.of("refresh_token", refresh), null).status())
                .as("refresh is refused at once").isEqualTo(400);

        // Each probe is judged by when it was sent and answered, against the token's own exp (both services
        // share this machine's clock and allow no skew), not against a margin after the revoke.
        Probe withFeedRefusal = null;
        Probe withoutFeedRefusal = null;
        int acceptedWithoutFeedAfterRevoke = 0;
        Instant deadline = exp.plus(TTL);
        while ((withFeedRefusal == null || withoutFeedRefusal == null) && Instant.now().isBefore(deadline)) {
            if (withFeedRefusal == null) {
                Probe p = probe(withFeed, token);
                if (!p.accepted()) {
                    withFeedRefusal = p;
                }
            }
            if (withoutFeedRefusal == null) {
                Probe p = probe(withoutFeed, token);
                if (p.accepted()) {
                    assertThat(p.sent()).as("without the feed the token is accepted only until its exp").isBeforeOrEqualTo(exp);
                    acceptedWithoutFeedAfterRevoke++;
                } else {
                    assertThat(p.answered()).as("without the feed the token is refused only after its exp").isAfterOrEqualTo(exp);
                    withoutFeedRefusal = p;
                }
            }
            Thread.sleep(100);
        }
        System.out.printf("revocation window: with the feed %s, without it %s (token lifetime %s, poll %s)%n",
                withFeedRefusal == null ? null : Duration.between(revokedAt, withFeedRefusal.answered()),
                withoutFeedRefusal == null ? null : Duration.between(revokedAt, withoutFeedRefusal.answered()), TTL, POLL);
        assertThat(withoutFeedRefusal).as("without the feed the old token is refused once it has expired").isNotNull();
        assertThat(acceptedWithoutFeedAfterRevoke).as("without the feed the old token lives on after the revoke").isPositive();
        assertThat(withFeedRefusal).as("with the feed the old token is refused").isNotNull();
        assertThat(withFeedRefusal.answered()).as("with the feed the old token is refused before it expires").isBefore(exp);

        Http.Response me = Http.get(withFeed.baseUrl() + "/api/me", token);
        assertThat(me.header("WWW-Authenticate")).contains("invalid_token");
        String log = auth.logText() + withFeed.logText();
        assertThat(log).as("no secret reaches the logs").doesNotContain("resource-service-secret", "alice-password");

        // A re-enabled user's new tokens are accepted again: the feed only refuses tokens issued before the revocation.
        Thread.sleep(1100);
        admin = adminToken();
        assertThat(Http.post(auth.baseUrl() + "/admin/users/alice/enable", Map.of(), admin).status()).isEqualTo(200);
        String fresh = Http.post(auth.baseUrl() + "/auth/login",
                Map.of("username", "alice", "password", "alice-password"), null).field("access_token");
        assertThat(Http.get(withFeed.baseUrl() + "/api/me", fresh).status()).isEqualTo(200);
    }

    private record Probe(Instant sent, Instant answered, boolean accepted) {
    }

    private static Probe probe(ServiceProcess resource, String token) throws Exception {
        Instant sent = Instant.now();
        int status = Http.get(resource.baseUrl() + "/api/me", token).status();
        if (status != 200 && status != 401) {
            throw new AssertionError("unexpected status " + status);
        }
        return new Probe(sent, Instant.now(), status == 200);
    }

    /** A token for the admin API: the admin's login with scope admin. */
    private static String adminToken() throws Exception {
        return Http.post(auth.baseUrl() + "/auth/login",
                Map.of("username", "admin", "password", "admin-password", "scope", "admin"), null).field("access_token");
    }

    /** The token's own {@code exp}, read from its payload. */
    private static Instant expiry(String jwt) throws Exception {
        byte[] payload = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
        return Instant.ofEpochSecond(Http.JSON.readTree(payload).get("exp").asLong());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
