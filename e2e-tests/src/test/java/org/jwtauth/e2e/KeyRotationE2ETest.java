package org.jwtauth.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing-key rotation against both real services while a client keeps calling the resource service
 * with fresh tokens: no valid request may fail. Right before each rotation the resource service is
 * made to re-fetch the JWKS (a token naming an unknown kid), so its rate limit would forbid another
 * fetch when the first token of the new key arrives; it must know that key already.
 * <p>
 * Time is scaled down: the resource service re-fetches at most every 5 s, a rotation needs the next
 * key to have been published for 6 s, access tokens live 4 s, a superseded key is retired 1 s + 1 s
 * after its last token expired.
 */
class KeyRotationE2ETest {

    private static final String ISSUER = "http://auth.rotation.e2e.test";
    private static final Duration MIN_ROTATION_INTERVAL = Duration.ofSeconds(6);

    private static ServiceProcess auth;
    private static ServiceProcess resource;
    private static Path dataDir;

    @BeforeAll
    static void startServices() throws Exception {
        Path work = Path.of(System.getProperty("e2e.workDir", "target/e2e")).resolve("rotation");
        dataDir = work.resolve("auth-data");
        ServiceProcess.deleteRecursively(dataDir);
        auth = ServiceProcess.start("auth-server", "e2e.authServerJar", work, List.of(
                "--auth.data-dir=" + dataDir.toAbsolutePath(),
                "--auth.issuer=" + ISSUER,
                "--auth.access-token-ttl=PT4S",
                "--auth.keys.min-rotation-interval=" + MIN_ROTATION_INTERVAL,
                "--auth.keys.refresh-interval=PT1S",
                "--auth.keys.retirement-margin=PT1S",
                "--auth.keys.retirement-check-interval=PT1S"));
        auth.awaitReady("/.well-known/jwks.json", ServiceProcess.STARTUP);
        resource = ServiceProcess.start("resource-service", "e2e.resourceServiceJar", work, List.of(
                "--resource.jwks-uri=" + auth.baseUrl() + "/.well-known/jwks.json",
                "--resource.issuer=" + ISSUER,
                "--resource.jwks-refetch-min-interval=PT5S",
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

    @Test
    void rotatingKeysWhileAClientKeepsCallingFailsNoValidRequest() throws Exception {
        String firstKid = activeKid();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> acceptedByKid = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);

        Thread client = new Thread(() -> {
            String previous = null;
            while (running.get()) {
                try {
                    Http.Response login = Http.post(auth.baseUrl() + "/auth/login",
                            Map.of("username", "alice", "password", "alice-password"), null);
                    if (login.status() != 200) {
                        failures.add("login: " + login.status() + " " + login.rawBody());
                        continue;
                    }
                    String token = login.field("access_token");
                    call(token, failures, acceptedByKid);
                    // a token from a moment ago, perhaps signed by the key a rotation has just superseded
                    if (previous != null && secondsLeft(previous) >= 1) {
                        call(previous, failures, acceptedByKid);
                    }
                    previous = token;
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        }, "rotation-e2e-client");
        client.start();
        List<String> activeKids = new ArrayList<>(List.of(firstKid));
        try {
            for (int rotation = 0; rotation < 2; rotation++) {
                String kid = rotateRightAfterAResourceRefetch();
                activeKids.add(kid);
                // the client goes on with the new key: wait for that, however slow the machine
                waitUntil(() -> acceptedByKid.containsKey(kid), Duration.ofSeconds(60), "a token of the new key is accepted");
            }
            // the first key retires by itself once its last token has expired (4 s + 1 s + 1 s)
            waitUntil(() -> !jwksKids().contains(firstKid), Duration.ofSeconds(60), "the first key leaves the JWKS");
            waitUntil(() -> "retired".equals(state(firstKid)), Duration.ofSeconds(60), "the first key is marked retired");
            waitUntil(() -> acceptedCount(acceptedByKid) > 10, Duration.ofSeconds(60), "more than 10 calls are accepted");
        } finally {
            running.set(false);
            client.join(20_000);
        }

        assertThat(failures).as("requests with valid tokens that failed").isEmpty();
        assertThat(acceptedByKid.keySet()).as("tokens of every key were accepted").containsAll(activeKids);
        assertThat(acceptedCount(acceptedByKid)).isGreaterThan(10);
        String masterKey = Files.readString(dataDir.resolve("keys/master.key")).strip();
        assertThat(auth.logText() + resource.logText()).as("no secret reaches the logs").doesNotContain(masterKey, "alice-password");
    }

    /**
     * Waits until the next key may be activated, then makes the resource service re-fetch the JWKS and
     * rotates at once: for the next 5 s the resource service may not fetch again.
     *
     * @return the kid the rotation activated
     */
    private static String rotateRightAfterAResourceRefetch() throws Exception {
        Instant nextCreated = null;
        for (JsonNode key : Http.get(auth.baseUrl() + "/admin/keys", adminToken()).body()) {
            if (key.get("state").asText().equals("next")) {
                nextCreated = Instant.parse(key.get("created_at").asText());
            }
        }
        assertThat(nextCreated).isNotNull();
        long wait = Duration.between(Instant.now(), nextCreated.plus(MIN_ROTATION_INTERVAL)).toMillis() + 200;
        if (wait > 0) {
            Thread.sleep(wait);
        }
        String before = lastJwksFetch();
        waitUntil(() -> {
            Http.Response unknownKid = Http.get(resource.baseUrl() + "/api/me", tokenWithUnknownKid());
            assertThat(unknownKid.status()).isEqualTo(401);
            return !lastJwksFetch().equals(before);
        }, Duration.ofSeconds(60), "the resource service re-fetches the JWKS");

        // (access tokens live 4 s here: a fresh admin token for each call)
        Http.Response r = Http.post(auth.baseUrl() + "/admin/keys/rotate", Map.of(), adminToken());
        assertThat(r.status()).as(r.rawBody()).isEqualTo(200);
        return r.field("active_kid");
    }

    private static int acceptedCount(Map<String, AtomicInteger> acceptedByKid) {
        return acceptedByKid.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private static String lastJwksFetch() throws Exception {
        Http.Response stats = Http.get(resource.baseUrl() + "/api/admin/stats", resourceAdminToken());
        assertThat(stats.status()).isEqualTo(200);
        return stats.field("jwks_last_fetch");
    }

    private static void call(String token, List<String> failures, Map<String, AtomicInteger> acceptedByKid) throws Exception {
        Http.Response me = Http.get(resource.baseUrl() + "/api/me", token);
        String kid = header(token, "kid");
        if (me.status() == 200) {
            acceptedByKid.computeIfAbsent(kid, k -> new AtomicInteger()).incrementAndGet();
        } else if (secondsLeft(token) >= 1) {
            failures.add("kid " + kid + ": " + me.status() + " " + me.header("WWW-Authenticate"));
        }
    }

    /** A token for the auth server's admin API: the admin's login with scope admin. */
    private static String adminToken() throws Exception {
        return Http.post(auth.baseUrl() + "/auth/login", Map.of("username", "admin", "password", "admin-password",
                "scope", "admin"), null).field("access_token");
    }

    /** The admin's token for the resource service (whose admin endpoint wants the ADMIN role). */
    private static String resourceAdminToken() throws Exception {
        return Http.post(auth.baseUrl() + "/auth/login", Map.of("username", "admin", "password", "admin-password"), null)
                .field("access_token");
    }

    private static String activeKid() throws Exception {
        for (JsonNode key : Http.get(auth.baseUrl() + "/admin/keys", adminToken()).body()) {
            if (key.get("state").asText().equals("active")) {
                return key.get("kid").asText();
            }
        }
        throw new AssertionError("no active key");
    }

    private static String state(String kid) throws Exception {
        for (JsonNode key : Http.get(auth.baseUrl() + "/admin/keys", adminToken()).body()) {
            if (key.get("kid").asText().equals(kid)) {
                return key.get("state").asText();
            }
        }
        return null;
    }

    private static Set<String> jwksKids() throws Exception {
        Set<String> kids = new java.util.HashSet<>();
        Http.get(auth.baseUrl() + "/.well-known/jwks.json", null).body().get("keys").forEach(k -> kids.add(k.get("kid").asText()));
        return kids;
    }

    /** Well-formed, correctly typed, signed by nobody, naming a key nobody has: the resource service re-fetches. */
    private static String tokenWithUnknownKid() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"unknown-" + UUID.randomUUID() + "\"}";
        String payload = "{\"sub\":\"x\",\"exp\":" + (Instant.now().getEpochSecond() + 60) + "}";
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(new byte[256]);
    }

    private static long secondsLeft(String jwt) throws Exception {
        JsonNode claims = Http.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        return claims.get("exp").asLong() - Instant.now().getEpochSecond();
    }

    private static String header(String jwt, String name) throws Exception {
        return Http.JSON.readTree(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.')))).get(name).asText();
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    private static void waitUntil(Check check, Duration timeout, String what) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!check.holds()) {
            assertThat(Instant.now()).as("waiting until " + what).isBefore(deadline);
            Thread.sleep(250);
        }
    }
}
