package org.jwtauth.resource.keys;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.resource.support.ApiTestSupport;
import org.jwtauth.resource.support.JwksTestServer;
import org.jwtauth.resource.support.TestKey;
import org.jwtauth.resource.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key rotation through the running service: unknown kids re-fetch the JWK Set at most once per
 * interval, new keys are picked up without a restart and retired keys stop working. The steps
 * build on each other, so they run in order against their own JWK Set server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JwksRefreshTest extends ApiTestSupport {

    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final TestKey OLD = TestKey.generate();
    private static final TestKey NEW = TestKey.generate();
    private static final JwksTestServer JWKS = JwksTestServer.start(OLD);

    @DynamicPropertySource
    static void jwks(DynamicPropertyRegistry registry) {
        registry.add("resource.jwks-uri", () -> JWKS.uri().toString());
        registry.add("resource.jwks-refetch-min-interval", INTERVAL::toString);
    }

    @AfterAll
    static void stopJwks() {
        JWKS.stop();
    }

    @Test
    @Order(1)
    void keysAreFetchedOnceAtStartupAndThenUsedOffline() {
        assertThat(JWKS.requests()).isEqualTo(1);

        for (int i = 0; i < 10; i++) {
            assertThat(get("/api/hello", token(OLD)).getStatusCode().value()).isEqualTo(200);
        }
        assertThat(JWKS.requests()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aBurstOfUnknownKidsCausesAtMostOneFetch() throws Exception {
        clock.advance(INTERVAL.plusSeconds(1));
        int before = JWKS.requests();

        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<ResponseEntity<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String randomKid = Tokens.accessToken(OLD, clock.instant(), "mallory", List.of("USER"),
                        b -> b.header().keyId(UUID.randomUUID().toString()));
                responses.add(pool.submit(() -> get("/api/me", randomKid)));
            }
            for (Future<ResponseEntity<String>> response : responses) {
                assertInvalidToken(response.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(JWKS.requests() - before).as("re-fetches caused by 50 unknown kids").isEqualTo(1);
    }

    @Test
    @Order(3)
    void aNewKeyIsPickedUpOnceTheIntervalHasPassed() {
        JWKS.addKey(NEW);
        int before = JWKS.requests();

        assertInvalidToken(get("/api/me", token(NEW)));
        assertThat(JWKS.requests()).as("still inside the interval: no fetch").isEqualTo(before);

        clock.advance(INTERVAL);
        assertThat(get("/api/me", token(NEW)).getStatusCode().value()).isEqualTo(200);
        assertThat(JWKS.requests()).isEqualTo(before + 1);
        assertThat(get("/api/me", token(OLD)).getStatusCode().value()).as("old key still published").isEqualTo(200);
        assertThat(JWKS.requests()).isEqualTo(before + 1);
    }

    @Test
    @Order(4)
    void aRetiredKeyStopsWorkingAfterTheNextFetch() {
        JWKS.removeKey(OLD);
        clock.advance(INTERVAL);
        assertInvalidToken(get("/api/me", Tokens.accessToken(NEW, clock.instant(), "x", List.of("USER"),
                b -> b.header().keyId("triggers-a-fetch"))));

        assertInvalidToken(get("/api/me", token(OLD)));
        JsonNode stats = json(get("/api/admin/stats", Tokens.accessToken(NEW, clock.instant(), "admin", "ADMIN")));
        assertThat(stats.get("verification_keys")).hasSize(1);
        assertThat(stats.get("verification_keys").get(0).asText()).isEqualTo(NEW.kid());
    }

    private String token(TestKey key) {
        return Tokens.accessToken(key, clock.instant(), "alice", "USER");
    }
}
