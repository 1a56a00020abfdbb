package org.jwtauth.auth;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.token.AccessTokenValidator;
import org.jwtauth.token.JwkKeys;
import org.jwtauth.token.StaticVerificationKeys;
import org.jwtauth.token.VerificationKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stops the server and starts it again on the same data directory: keys, users and sessions
 * survive, so tokens issued before the restart keep working after it.
 */
@DatabaseTest
class RestartTest {

    @TempDir
    static Path dataDir;

    private static ConfigurableApplicationContext start() {
        return AuthServerLauncher.start(dataDir);
    }

    private static Http http(ConfigurableApplicationContext context) {
        return new Http(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    @Test
    void keysUsersAndSessionsSurviveARestart() {
        String jwksBefore;
        String aliceRefresh;
        String aliceAccess;
        String adminAccess;
        List<String> usersBefore;
        try (ConfigurableApplicationContext first = start()) {
            Http http = http(first);
            jwksBefore = http.get("/.well-known/jwks.json").body();
            JsonNode alice = login(http, "alice", "alice-password");
            aliceRefresh = alice.get("refresh_token").asText();
            aliceAccess = alice.get("access_token").asText();
            adminAccess = http.postJson("/auth/login", Map.of("username", "admin", "password", "admin-password",
                    "scope", "admin")).json().get("access_token").asText();
            assertThat(http.postJson("/admin/users", Map.of("username", "carol", "password", "carol-password"), adminAccess)
                    .status()).isEqualTo(201);
            usersBefore = usernames(http, adminAccess);
        }
        assertThat(usersBefore).containsExactly("admin", "alice", "carol");
        assertThat(dataDir.resolve("keys/master.key")).isRegularFile();
        assertThat(Files.exists(dataDir.resolve("auth-db.mv.db"))).isEqualTo(!TestDatabase.postgres());

        try (ConfigurableApplicationContext second = start()) {
            Http http = http(second);

            // the same key, published the same way
            String jwksAfter = http.get("/.well-known/jwks.json").body();
            assertThat(jwksAfter).isEqualTo(jwksBefore);
            List<VerificationKey> keysBefore = JwkKeys.parseJwkSet(jwksBefore);
            List<VerificationKey> keysAfter = JwkKeys.parseJwkSet(jwksAfter);
            assertThat(keysAfter).hasSize(2); // the active key and the next one
            assertThat(keysAfter).extracting(VerificationKey::kid)
                    .containsExactlyElementsOf(keysBefore.stream().map(VerificationKey::kid).toList());

            // the admin token from before the restart is still accepted, and the users are all there once
            Http.Response users = http.get("/admin/users", adminAccess);
            assertThat(users.status()).isEqualTo(200);
            assertThat(usernames(http, adminAccess)).containsExactly("admin", "alice", "carol");

            // tokens from before still verify offline against the new JWKS
            AccessTokenValidator validator = new AccessTokenValidator(
                    new AccessTokenValidator.Settings("http://localhost:9000", "resource-service", Duration.ZERO),
                    StaticVerificationKeys.of(keysAfter), Clock.systemUTC());
            assertThat(validator.validate(aliceAccess).username()).isEqualTo("alice");

            // the session from before the restart can still be refreshed, once
            Http.Response refreshed = http.postJson("/auth/refresh", Map.of("refresh_token", aliceRefresh));
            assertThat(refreshed.status()).isEqualTo(200);
            assertThat(validator.validate(refreshed.field("access_token")).username()).isEqualTo("alice");
            assertThat(http.postJson("/auth/refresh", Map.of("refresh_token", aliceRefresh)).status()).isEqualTo(400);

            // and passwords still work, including the user created before the restart
            login(http, "carol", "carol-password");
            login(http, "alice", "alice-password");
        }
    }

    private static JsonNode login(Http http, String username, String password) {
        Http.Response r = http.postJson("/auth/login", Map.of("username", username, "password", password));
        assertThat(r.status()).as("login %s: %s", username, r).isEqualTo(200);
        return r.json();
    }

    private static List<String> usernames(Http http, String adminAccess) {
        Http.Response r = http.get("/admin/users", adminAccess);
        assertThat(r.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        r.json().forEach(u -> names.add(u.get("username").asText()));
        return names;
    }
}
