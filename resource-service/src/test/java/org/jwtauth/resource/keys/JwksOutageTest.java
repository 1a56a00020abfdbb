package org.jwtauth.resource.keys;

import org.jwtauth.token.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.resource.support.ApiTestSupport;
import org.jwtauth.resource.support.JwksTestServer;
import org.jwtauth.resource.support.MutableClockInitializer;
import org.jwtauth.resource.support.TestKey;
import org.jwtauth.resource.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Validation is offline: once the keys are loaded, the auth server may go away. */
class JwksOutageTest extends ApiTestSupport {

    private static final TestKey KEY = TestKey.generate();
    private static final JwksTestServer JWKS = JwksTestServer.start(KEY);

    @DynamicPropertySource
    static void jwks(DynamicPropertyRegistry registry) {
        registry.add("resource.jwks-uri", () -> JWKS.uri().toString());
    }

    @AfterAll
    static void stopJwks() {
        JWKS.stop();
    }

    @Test
    void knownKeysKeepValidatingWhileTheAuthServerIsDown() {
        assertThat(get("/api/hello", token("USER")).getStatusCode().value()).isEqualTo(200);

        JWKS.stop();
        clock.advance(Duration.ofMinutes(5));
        // An unknown kid now makes the service try (and fail) to re-fetch; that must not cost it its keys.
        assertInvalidToken(get("/api/me", Tokens.accessToken(KEY, clock.instant(), "x", List.of("USER"),
                b -> b.header().keyId("rotated-away"))));

        assertThat(get("/api/hello", token("USER")).getStatusCode().value()).isEqualTo(200);
        JsonNode stats = json(get("/api/admin/stats", token("ADMIN")));
        assertThat(stats.get("verification_keys").get(0).asText()).isEqualTo(KEY.kid());
        assertThat(Instant.parse(stats.get("jwks_last_fetch").asText()))
                .as("the last successful fetch is still the one at startup")
                .isEqualTo(MutableClockInitializer.START);
    }

    private String token(String role) {
        return Tokens.accessToken(KEY, clock.instant(), "alice", role);
    }
}
