package org.jwtauth.auth;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.token.AccessTokenValidator;
import org.jwtauth.token.JwkKeys;
import org.jwtauth.token.StaticVerificationKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two auth-server replicas, A and B, on different ports over one database and one key set, as behind
 * a load balancer that is not sticky: whatever one replica did, the other knows at once, because the
 * database is the only state they share and nothing that must be shared lives in one JVM's memory.
 * Everything goes through the HTTP API, as a client behind the load balancer would see it.
 */
@DatabaseTest
class TwoReplicasTest {

    @TempDir
    static Path sharedDataDir;

    private static ConfigurableApplicationContext replicaA;
    private static ConfigurableApplicationContext replicaB;
    private static Http a;
    private static Http b;

    @BeforeAll
    static void startBothReplicas() {
        // A lockout long enough that a slow machine cannot outlast it: these servers run on the real clock.
        replicaA = Replicas.start(sharedDataDir, "--auth.login-throttle.lockout=PT10M");
        replicaB = Replicas.start(sharedDataDir, "--auth.login-throttle.lockout=PT10M");
        a = Replicas.http(replicaA);
        b = Replicas.http(replicaB);
    }

    @AfterAll
    static void stopBothReplicas() {
        for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] {replicaA, replicaB}) {
            if (replica != null) {
                replica.close();
            }
        }
    }

    @Test
    void theReplicasRunOnDifferentPortsAndPublishTheSameKeys() {
        assertThat(replicaA.getEnvironment().getProperty("local.server.port"))
                .isNotEqualTo(replicaB.getEnvironment().getProperty("local.server.port"));
        String jwksA = a.get("/.well-known/jwks.json").body();
        assertThat(JwkKeys.parseJwkSet(jwksA)).as("the active key and the pre-published next key").hasSize(2);
        assertThat(b.get("/.well-known/jwks.json").body()).isEqualTo(jwksA);

        // an admin token issued by A is accepted by B's admin API
        assertThat(b.get("/admin/users", adminToken(a)).status()).isEqualTo(200);
    }

    @Test
    void aSessionStartedOnAContinuesOnBAndBack() {
        String user = createUser("carol");
        JsonNode login = login(a, user);

        Http.Response onB = refresh(b, login.get("refresh_token").asText());
        assertThat(onB.status()).as("%s", onB).isEqualTo(200);
        AccessTokenValidator validatorOfA = new AccessTokenValidator(
                new AccessTokenValidator.Settings("http://localhost:9000", "resource-service", Duration.ZERO),
                StaticVerificationKeys.of(JwkKeys.parseJwkSet(a.get("/.well-known/jwks.json").body())), Clock.systemUTC());
        assertThat(validatorOfA.validate(onB.field("access_token")).username()).isEqualTo(user);

        Http.Response backOnA = refresh(a, onB.field("refresh_token"));
        assertThat(backOnA.status()).as("%s", backOnA).isEqualTo(200);
        // and B knows the token it issued has been rotated on A
        assertInvalidGrant(refresh(b, onB.field("refresh_token")));
    }

    @Test
    void aRevocationOnAStopsRefreshOnBAtOnce() {
        String user = createUser("dave");
        String refreshToken = login(a, user).get("refresh_token").asText();
        Http.Response refreshedOnB = refresh(b, refreshToken);
        assertThat(refreshedOnB.status()).isEqualTo(200);

        Http.Response revoke = a.postJson("/admin/users/" + user + "/revoke", "", adminToken(a));
        assertThat(revoke.status()).as("%s", revoke).isEqualTo(200);
        assertThat(revoke.json().get("refresh_tokens_revoked").asInt()).isEqualTo(1);

        Http.Response refused = refresh(b, refreshedOnB.field("refresh_token"));
        assertInvalidGrant(refused);
        assertThat(refused.field("error_description")).contains("revoked");
        assertInvalidGrant(b.postJson("/auth/login", Map.of("username", user, "password", password(user))));
    }

    @Test
    void concurrentRefreshesOfOneTokenOnAAndBYieldExactlyOneSuccessor() throws Exception {
        String user = createUser("erin");
        for (int round = 0; round < 3; round++) {
            String token = login(a, user).get("refresh_token").asText();
            AtomicInteger next = new AtomicInteger();

            // half of the requests to A, half to B, released at the same instant
            List<Http.Response> responses = AbstractIntegrationTest.concurrently(8, () -> refresh(next.getAndIncrement() % 2 == 0 ? a : b, token));

            assertThat(responses).as("round %d", round).filteredOn(r -> r.status() == 200).hasSize(1);
            assertThat(responses).filteredOn(r -> r.status() != 200).allSatisfy(TwoReplicasTest::assertInvalidGrant);
        }
    }

    @Test
    void failedLoginsOnAAndBCountTowardsOneLockout() {
        String user = createUser("frank");
        for (int i = 0; i < 5; i++) {
            // 3 failures on A and 2 on B: each replica alone stays below the limit of 5
            Http.Response failed = (i % 2 == 0 ? a : b).postJson("/auth/login", Map.of("username", user, "password", "wrong-password"));
            assertInvalidGrant(failed);
        }

        for (Http replica : List.of(a, b)) {
            Http.Response locked = replica.postJson("/auth/login", Map.of("username", user, "password", password(user)));
            assertThat(locked.status()).as("%s", locked).isEqualTo(429);
            assertThat(locked.field("error")).isEqualTo("too_many_requests");
            assertThat(locked.header("Retry-After")).isNotBlank();
        }
    }

    // ---- helpers

    private static final AtomicInteger USERS = new AtomicInteger();

    /** A user of its own for each test, so that tests do not share sessions or throttle counters. */
    private static String createUser(String name) {
        String username = name + USERS.incrementAndGet();
        Http.Response r = b.postJson("/admin/users",
                Map.of("username", username, "password", password(username), "roles", List.of("USER")), adminToken(b));
        assertThat(r.status()).as("create %s: %s", username, r).isEqualTo(201);
        return username;
    }

    private static String password(String username) {
        return username + "-password";
    }

    private static String adminToken(Http replica) {
        return replica.postJson("/auth/login", Map.of("username", "admin", "password", "admin-password", "scope", "admin"))
                .json().get("access_token").asText();
    }

    private static JsonNode login(Http replica, String username) {
        Http.Response r = replica.postJson("/auth/login", Map.of("username", username, "password", password(username)));
        assertThat(r.status()).as("login %s: %s", username, r).isEqualTo(200);
        return r.json();
    }

    private static Http.Response refresh(Http replica, String refreshToken) {
        return replica.postJson("/auth/refresh", Map.of("refresh_token", refreshToken));
    }

    private static void assertInvalidGrant(Http.Response r) {
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.field("error")).isEqualTo("invalid_grant");
    }
}
