package org.jwtauth.auth.keys;

import org.jwtauth.auth.AuthServerLauncher;
import org.jwtauth.auth.Http;
import org.jwtauth.token.ExpectedStartupFailure;
import org.jwtauth.token.JwkKeys;
import org.jwtauth.token.PemKeys;
import org.jwtauth.token.VerificationKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two whole auth servers, each with its own data directory, on one database (an H2 file both open in
 * this JVM) and one master key: they start at the same moment and agree on one key, and a rotation on
 * one is followed by the other within the refresh interval. A replica with another master key does
 * not start.
 */
class ReplicasShareKeysTest {

    @TempDir
    static Path dir;

    private static final String MASTER_KEY = MasterKey.generateBase64();

    private static ConfigurableApplicationContext replica(String name, String masterKey) {
        return AuthServerLauncher.start(dir.resolve(name),
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("shared-db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "--auth.keys.master-key=" + masterKey,
                "--auth.keys.refresh-interval=PT0.2S",
                "--auth.keys.min-rotation-interval=PT0S");
    }

    @Test
    void replicasAgreeOnTheActiveKeyFollowRotationsAndRefuseAnotherMasterKey() throws Exception {
        CompletableFuture<ConfigurableApplicationContext> startingA;
        CompletableFuture<ConfigurableApplicationContext> startingB;
        // Spring Boot's logging set-up is JVM-wide and not safe for two applications starting at once in
        // one JVM (real replicas are separate JVMs): keep the logging the JVM already has meanwhile.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        try {
            startingA = CompletableFuture.supplyAsync(() -> replica("a", MASTER_KEY));
            startingB = CompletableFuture.supplyAsync(() -> replica("b", MASTER_KEY));
            CompletableFuture.allOf(startingA, startingB).exceptionally(e -> null).join();
        } finally {
            System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
        }
        try (ConfigurableApplicationContext a = startingA.join(); ConfigurableApplicationContext b = startingB.join()) {
            Http httpA = http(a);
            Http httpB = http(b);
            String adminA = adminToken(httpA);
            String adminB = adminToken(httpB);

            // one active key and one next key, whichever replica created them
            List<String> states = new ArrayList<>();
            httpA.get("/admin/keys", adminA).json().forEach(k -> states.add(k.get("state").asText()));
            assertThat(states).containsExactlyInAnyOrder("active", "next");
            String kid = header(adminA, "kid");
            assertThat(header(adminB, "kid")).isEqualTo(kid);
            assertThat(httpB.get("/.well-known/jwks.json").body()).isEqualTo(httpA.get("/.well-known/jwks.json").body());
            // a token from one replica is good on the other
            assertThat(httpB.get("/admin/users", adminA).status()).isEqualTo(200);

            Http.Response rotated = httpA.postJson("/admin/keys/rotate", "", adminA);
            assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
            String newKid = rotated.field("active_kid");
            String nextKid = rotated.field("next_kid");

            // B signs with the new key within its refresh interval (0.2 s here), and publishes all three keys
            Instant deadline = Instant.now().plusSeconds(10);
            String bKid;
            do {
                Thread.sleep(100);
                bKid = header(accessToken(httpB, Map.of("username", "alice", "password", "alice-password")), "kid");
            } while (!bKid.equals(newKid) && Instant.now().isBefore(deadline));
            assertThat(bKid).isEqualTo(newKid);
            assertThat(JwkKeys.parseJwkSet(httpB.get("/.well-known/jwks.json").body())).extracting(VerificationKey::kid)
                    .containsExactlyInAnyOrder(kid, newKid, nextKid);
            assertThat(httpB.get("/admin/users", adminA).status()).as("the old key's tokens still work").isEqualTo(200);
            // each replica keeps the active public key in its own data directory for PEM-configured services
            String pemB = Files.readString(dir.resolve("b/keys/signing-key.pub.pem"), StandardCharsets.US_ASCII);
            assertThat(JwkKeys.thumbprintKid(PemKeys.decodePublic(pemB))).isEqualTo(newKid);

            // a replica given another master key refuses to start, saying why
            String otherKey = MasterKey.generateBase64();
            assertThat(ExpectedStartupFailure.of(() -> replica("c", otherKey).close())).isNotNull().satisfies(e -> {
                java.io.StringWriter trace = new java.io.StringWriter();
                e.printStackTrace(new java.io.PrintWriter(trace));
                assertThat(trace.toString())
                        .contains("Cannot decrypt the signing keys")
                        .contains("Every replica must be given the same auth.keys.master-key")
                        .doesNotContain(otherKey)
                        .doesNotContain(MASTER_KEY);
            });
        }
    }

    private static Http http(ConfigurableApplicationContext context) {
        return new Http(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    private static String adminToken(Http http) {
        return accessToken(http, Map.of("username", "admin", "password", "admin-password", "scope", "admin"));
    }

    private static String accessToken(Http http, Map<String, String> login) {
        Http.Response r = http.postJson("/auth/login", login);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.field("access_token");
    }

    private static String header(String jwt, String name) {
        try {
            return Http.JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))),
                    StandardCharsets.UTF_8)).get(name).asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
