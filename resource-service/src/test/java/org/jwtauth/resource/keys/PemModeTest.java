package org.jwtauth.resource.keys;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.resource.support.ApiTestSupport;
import org.jwtauth.resource.support.TestKey;
import org.jwtauth.resource.support.Tokens;
import org.jwtauth.token.JwkKeys;
import org.jwtauth.token.PemKeys;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** With resource.public-key-file set, tokens are verified with that key and the JWK Set is never fetched. */
class PemModeTest extends ApiTestSupport {

    private static final TestKey KEY = TestKey.generate();
    private static final Path PEM = writePem(KEY);

    @DynamicPropertySource
    static void pem(DynamicPropertyRegistry registry) {
        registry.add("resource.public-key-file", PEM::toString);
        // Nothing listens here; a fetch attempt would only show up as a failed request in the log.
        registry.add("resource.jwks-uri", () -> "http://127.0.0.1:9/.well-known/jwks.json");
    }

    private static Path writePem(TestKey key) {
        try {
            Path file = Files.createTempFile("resource-service-test", ".pem");
            file.toFile().deleteOnExit();
            return Files.writeString(file, PemKeys.encode(key.publicKey()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void tokensSignedWithThePemKeyAreAccepted() {
        String token = Tokens.accessToken(KEY, clock.instant(), "alice", List.of("USER"),
                b -> b.header().keyId("kid-the-service-has-never-seen"));

        assertThat(json(get("/api/hello", token)).get("message").asText()).isEqualTo("Hello, alice!");
    }

    @Test
    void tokensSignedWithAnyOtherKeyAreRejected() {
        TestKey other = TestKey.generate();

        assertInvalidToken(get("/api/me", Tokens.accessToken(other, clock.instant(), "alice", "USER")));
        assertInvalidToken(get("/api/me", Tokens.accessToken(other, clock.instant(), "alice", List.of("USER"),
                b -> b.header().keyId(KEY.kid()))));
    }

    @Test
    void statsShowThePemKeyAndNoFetch() {
        JsonNode stats = json(get("/api/admin/stats", Tokens.accessToken(KEY, clock.instant(), "admin", "ADMIN")));

        assertThat(stats.get("verification_keys")).hasSize(1);
        assertThat(stats.get("verification_keys").get(0).asText()).isEqualTo(JwkKeys.thumbprintKid(KEY.publicKey()));
        assertThat(stats.get("jwks_last_fetch").isNull()).isTrue();
    }
}
