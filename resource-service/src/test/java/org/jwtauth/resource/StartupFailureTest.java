package org.jwtauth.resource;

import io.jsonwebtoken.Jwts;
import org.jwtauth.token.ExpectedStartupFailure;
import org.jwtauth.token.PemKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A misconfigured service refuses to start with a message that names the problem, instead of rejecting every token. */
class StartupFailureTest {

    @TempDir
    Path dir;

    @Test
    void missingPublicKeyFile() {
        Path missing = dir.resolve("missing.pem");

        assertStartupFailsWith("Cannot read resource.public-key-file " + missing, "resource.public-key-file=" + missing);
    }

    @Test
    void unparseablePublicKeyFile() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----\n");

        assertStartupFailsWith("does not hold a usable PEM public key", "resource.public-key-file=" + garbage);
    }

    @Test
    void pemAlgorithmOutsideTheAllowList() throws Exception {
        Path ec = Files.writeString(dir.resolve("ec.pem"), PemKeys.encode(Jwts.SIG.ES256.keyPair().build().getPublic()));

        assertStartupFailsWith("is not in resource.allowed-algorithms",
                "resource.public-key-file=" + ec, "resource.public-key-algorithm=ES256", "resource.allowed-algorithms=RS256");
    }

    @Test
    void symmetricAlgorithmInTheAllowList() {
        assertStartupFailsWith("algorithm HS256 is not allowed", "resource.allowed-algorithms=RS256,HS256");
    }

    @Test
    void revocationFeedWithoutCredentials() {
        assertStartupFailsWith("resource.revocation-feed.enabled=true needs resource.revocation-feed.client-id and "
                + "resource.revocation-feed.client-secret", "resource.revocation-feed.enabled=true");
    }

    private static void assertStartupFailsWith(String expectedMessage, String... properties) {
        List<String> all = new ArrayList<>(List.of(properties));
        all.add("server.port=0");
        all.add("management.server.port=0");
        all.add("spring.main.banner-mode=off");
        all.add("resource.jwks-uri=http://127.0.0.1:9/.well-known/jwks.json");

        Throwable failure = ExpectedStartupFailure.of(() -> new SpringApplicationBuilder(ResourceServiceApplication.class)
                .properties(all.toArray(String[]::new))
                .run()
                .close());

        assertThat(failure).as("startup must fail").isNotNull();
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(expectedMessage));
    }
}
