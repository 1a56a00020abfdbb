package org.jwtauth.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The users' story against both real services, started from their runnable jars on random ports,
 * the resource service pointed at the auth server's JWKS. Expiry comes from a short access-token
 * lifetime (15 s: long enough that what must happen inside a token's life does so even on a loaded
 * machine) and zero clock skew, so the test waits seconds, not minutes. The narrated demo
 * ({@code demo.sh}) runs first against the same services, so CI keeps it working too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UserStoryE2ETest {

    private static final Duration ACCESS_TTL = Duration.ofSeconds(15);
    private static final String ISSUER = "http://auth.e2e.test";

    private static ServiceProcess auth;
    private static ServiceProcess resource;

    @BeforeAll
    static void startServices() throws Exception {
        Path work = Path.of(System.getProperty("e2e.workDir", "target/e2e"));
        Path dataDir = work.resolve("auth-data");
        ServiceProcess.deleteRecursively(dataDir);
        auth = ServiceProcess.start("auth-server", "e2e.authServerJar", work, List.of(
                "--auth.data-dir=" + dataDir.toAbsolutePath(),
                "--auth.issuer=" + ISSUER,
                "--auth.access-token-ttl=" + ACCESS_TTL));
        auth.awaitReady("/.well-known/jwks.json", ServiceProcess.STARTUP);
        resource = ServiceProcess.start("resource-service", "e2e.resourceServiceJar", work, List.of(
                "--resource.jwks-uri=" + auth.baseUrl() + "/.well-known/jwks.json",
                "--resource.issuer=" + ISSUER,
                "--resource.clock-skew=PT0S"));
        resource.awaitReady("/api/public/ping", ServiceProcess.STARTUP);
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (resource != null) {
            resource.close();
        }
        if (auth != null) {
            auth.close();
        }
    }

    /**
     * {@code demo.sh} in its "services already running" mode: about 2 x the 15 s token lifetime. It needs
     * bash, curl and jq; without jq (CI images may lack it) the test is skipped and says so.
     */
    @Test
    @Order(1)
    void theNarratedDemoTellsTheStoryAgainstTheRealJars() throws Exception {
        Assumptions.assumeTrue(ServiceProcess.installed("jq") && ServiceProcess.installed("curl"),
                "demo.sh needs jq and curl, which are not installed: skipping the demo (apt-get install jq curl)");
        Path script = Path.of(System.getProperty("e2e.demoScript", "../demo.sh")).toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        builder.environment().put("DEMO_AUTH_URL", auth.baseUrl());
        builder.environment().put("DEMO_RESOURCE_URL", resource.baseUrl());
        Process demo = builder.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        boolean finished = demo.waitFor(180, TimeUnit.SECONDS);
        if (!finished) {
            demo.destroyForcibly().waitFor();
        }
        String out = output.get(10, TimeUnit.SECONDS);

        assertThat(finished).as("demo.sh finished within 180 s:\n%s", out).isTrue();
        assertThat(demo.exitValue()).as("exit code of demo.sh:\n%s", out).isZero();
        assertThat(out).as(out).contains(
                "== 1. alice logs in", "\"token_type\":\"Bearer\"",
                "and the admin endpoint: HTTP 403 (error=\"insufficient_scope\")",
                "alice's token: no longer accepted",
                "HTTP 401, WWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"The access token expired\"",
                "new access token: HTTP 200 on /api/me; new refresh token differs from the old: yes",
                "\"enabled\":false",
                "{\"error\":\"invalid_grant\",\"error_description\":\"The refresh token has been revoked\"}",
                "...and so is a new login: invalid_grant",
                "alice's last token: no longer accepted",
                "HTTP 401: the window is over",
                "== 8. the admin re-enables alice", "login: {\"token_type\":\"Bearer\"");
    }

    /** Metrics are scraped from the management port; the public port has no actuator at all. */
    @Test
    @Order(2)
    void metricsAreOnTheManagementPortOnly() throws Exception {
        assertThat(login("alice", "alice-password").status()).isEqualTo(200);

        Http.Response scrape = Http.get(auth.managementUrl() + "/actuator/prometheus", null);
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.rawBody()).containsPattern("auth_logins_total\\{application=\"auth-server\",outcome=\"success\"} [1-9]");
        Http.Response resourceScrape = Http.get(resource.managementUrl() + "/actuator/prometheus", null);
        assertThat(resourceScrape.rawBody()).contains("resource_token_validation_total{");
        assertThat(Http.get(resource.managementUrl() + "/actuator/health", null).rawBody()).contains("verificationKeys");

        for (ServiceProcess service : List.of(auth, resource)) {
            assertThat(Http.get(service.baseUrl() + "/actuator/prometheus", null).status()).isIn(401, 404);
            assertThat(Http.get(service.baseUrl() + "/readyz", null).status()).isEqualTo(200);
            assertThat(Http.get(service.baseUrl() + "/livez", null).status()).isEqualTo(200);
        }
    }

    @Test
    @Order(4) // stops the auth server half-way
    void loginCallExpireRefreshRevokeAndTheRevocationWindow() throws Exception {
        // 1. Log in and call a protected endpoint.
        Http.Response login = login("alice", "alice-password");
        assertThat(login.status()).as(login.rawBody()).isEqualTo(200);
        assertThat(login.field("token_type")).isEqualTo("Bearer");
        assertThat(login.body().get("expires_in").asLong()).isEqualTo(ACCESS_TTL.toSeconds());
        String access1 = login.field("access_token");
        String refresh1 = login.field("refresh_token");

        Http.Response me = Http.get(resource.baseUrl() + "/api/me", access1);
        assertThat(me.status()).as(me.rawBody()).isEqualTo(200);
        assertThat(me.field("username")).isEqualTo("alice");
        assertThat(me.body().get("roles").toString()).contains("USER");
        assertThat(me.body().get("expires_in").asLong()).isBetween(0L, ACCESS_TTL.toSeconds());
        assertThat(Http.get(resource.baseUrl() + "/api/hello", access1).status()).isEqualTo(200);

        Http.Response forbidden = Http.get(resource.baseUrl() + "/api/admin/stats", access1);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"");

        // 2. The access token expires; the resource service says so in RFC 6750 terms.
        waitUntilExpired(access1);
        Http.Response expired = Http.get(resource.baseUrl() + "/api/me", access1);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.header("WWW-Authenticate")).startsWith("Bearer").contains("error=\"invalid_token\"");

        // The admin's tokens first, so that they and alice's next token all live through steps 4 to 6: one for
        // the auth server's admin API (scope admin), one for the resource service (its admin endpoint).
        String adminApiToken = Http.post(auth.baseUrl() + "/auth/login",
                Map.of("username", "admin", "password", "admin-password", "scope", "admin"), null).field("access_token");
        String adminToken = login("admin", "admin-password").field("access_token");

        // 3. Refresh: a new access token works, the refresh token was rotated.
        Http.Response refreshed = Http.post(auth.baseUrl() + "/auth/refresh", Map.of("refresh_token", refresh1), null);
        assertThat(refreshed.status()).as(refreshed.rawBody()).isEqualTo(200);
        String access2 = refreshed.field("access_token");
        String refresh2 = refreshed.field("refresh_token");
        assertThat(refresh2).isNotEqualTo(refresh1);
        assertThat(Http.get(resource.baseUrl() + "/api/me", access2).status()).isEqualTo(200);

        // 4. An admin revokes alice, with a token for the admin API: the two kinds of token do not mix.
        assertThat(Http.post(auth.baseUrl() + "/admin/users/alice/revoke", Map.of(), adminToken).status())
                .as("a token for the resource services is refused by the admin API").isEqualTo(401);
        assertThat(Http.get(resource.baseUrl() + "/api/me", adminApiToken).status())
                .as("a token for the admin API is refused by the resource service").isEqualTo(401);
        Http.Response revoke = Http.post(auth.baseUrl() + "/admin/users/alice/revoke", Map.of(), adminApiToken);
        assertThat(revoke.status()).as(revoke.rawBody()).isEqualTo(200);
        assertThat(revoke.body().get("revocation_window_seconds").asLong()).isEqualTo(ACCESS_TTL.toSeconds());
        Instant validUntil = Instant.parse(revoke.field("access_tokens_valid_until"));
        assertThat(validUntil).isAfterOrEqualTo(expiry(access2));

        // 5. Refresh is refused at once...
        Http.Response refused = Http.post(auth.baseUrl() + "/auth/refresh", Map.of("refresh_token", refresh2), null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.field("error")).isEqualTo("invalid_grant");
        assertThat(login("alice", "alice-password").field("error")).isEqualTo("invalid_grant");

        // ...but the access token already issued stays valid offline until it expires: the window.
        Http.Response stillValid = Http.get(resource.baseUrl() + "/api/me", access2);
        assertThat(stillValid.status()).as("old access token inside the revocation window").isEqualTo(200);

        // 6. Offline: the resource service keeps validating with the auth server down.
        auth.close();
        assertThat(Http.get(resource.baseUrl() + "/api/me", access2).status()).isEqualTo(200);
        assertThat(Http.get(resource.baseUrl() + "/api/admin/stats", adminToken).status()).isEqualTo(200);

        // 7. Once it expires, the revoked user's last token is rejected too.
        waitUntilExpired(access2);
        Http.Response afterWindow = Http.get(resource.baseUrl() + "/api/me", access2);
        assertThat(afterWindow.status()).isEqualTo(401);
        assertThat(afterWindow.header("WWW-Authenticate")).contains("error=\"invalid_token\"");

        assertThat(auth.logText() + resource.logText())
                .as("no secret reaches the logs")
                .doesNotContain("alice-password", "admin-password", refresh1, refresh2, access2);
    }

    @Test
    @Order(3)
    void badInputGetsProtocolErrorsNotServerErrors() throws Exception {
        Http.Response noToken = Http.get(resource.baseUrl() + "/api/me", null);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.header("WWW-Authenticate")).startsWith("Bearer");

        Http.Response garbage = Http.get(resource.baseUrl() + "/api/me", "not.a.jwt");
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(garbage.header("WWW-Authenticate")).contains("error=\"invalid_token\"");

        Http.Response badRefresh = Http.post(auth.baseUrl() + "/auth/refresh", Map.of("refresh_token", "nope"), null);
        assertThat(badRefresh.status()).isEqualTo(400);
        assertThat(badRefresh.field("error")).isEqualTo("invalid_grant");

        Http.Response missing = Http.post(auth.baseUrl() + "/auth/login", Map.of("username", "alice"), null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.field("error")).isEqualTo("invalid_request");
    }

    private static Http.Response login(String username, String password) throws Exception {
        return Http.post(auth.baseUrl() + "/auth/login", Map.of("username", username, "password", password), null);
    }

    private static Instant expiry(String jwt) throws Exception {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        JsonNode claims = Http.JSON.readTree(payload);
        return Instant.ofEpochSecond(claims.get("exp").asLong());
    }

    /**
     * Waits until the resource service refuses the token, which must not happen before its exp: at
     * most the short test lifetime, however slow the machine.
     */
    private static void waitUntilExpired(String jwt) throws Exception {
        Instant exp = expiry(jwt);
        assertThat(Duration.between(Instant.now(), exp)).isLessThanOrEqualTo(ACCESS_TTL);
        Instant deadline = exp.plusSeconds(30);
        while (true) {
            Instant sent = Instant.now();
            int status = Http.get(resource.baseUrl() + "/api/me", jwt).status();
            if (status == 401) {
                assertThat(Instant.now()).as("refused only once expired").isAfterOrEqualTo(exp);
                return;
            }
            assertThat(status).isEqualTo(200);
            assertThat(sent).as("still accepted %s after its exp", Duration.between(exp, sent)).isBefore(deadline);
            Thread.sleep(Math.max(50, Math.min(1000, Duration.between(Instant.now(), exp).toMillis())));
        }
    }
}
