package org.jwtauth.resource.ops;

import org.jwtauth.resource.support.ApiTestSupport;
import org.jwtauth.resource.support.JwksTestServer;
import org.jwtauth.resource.support.TestKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness follows the verification keys, liveness does not: a service that started while the auth
 * server's JWK Set was empty (or unreachable) is alive but must get no traffic, and becomes ready by
 * itself once the keys can be loaded, without any token arriving to trigger the fetch.
 */
class ReadinessTest extends ApiTestSupport {

    private static final TestKey KEY = TestKey.generate();
    private static final JwksTestServer JWKS = JwksTestServer.start(); // no keys yet

    @DynamicPropertySource
    static void jwks(DynamicPropertyRegistry registry) {
        registry.add("resource.jwks-uri", () -> JWKS.uri().toString());
    }

    @AfterAll
    static void stopJwks() {
        JWKS.stop();
    }


    @Test
    void notReadyWithoutKeysAndReadyOnceTheyCanBeLoaded() {
        ResponseEntity<String> notReady = get("/readyz", null);
        assertThat(notReady.getStatusCode().value()).as(notReady.getBody()).isEqualTo(503);
        assertThat(json(notReady).get("status").asText()).isEqualTo("DOWN");
        assertThat(notReady.getBody()).doesNotContain("verificationKeys");
        assertThat(get("/livez", null).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> details = get(management("/actuator/health"), null);
        assertThat(json(details).at("/components/verificationKeys/status").asText()).isEqualTo("DOWN");

        JWKS.addKey(KEY);
        clock.advance(Duration.ofSeconds(3)); // past the cold-retry interval: the next check may fetch again

        assertThat(get("/readyz", null).getStatusCode().value()).isEqualTo(200);
        assertThat(get("/readyz", null).getStatusCode().value()).isEqualTo(200);
    }
}
