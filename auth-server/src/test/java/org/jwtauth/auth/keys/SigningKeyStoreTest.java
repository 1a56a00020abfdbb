package org.jwtauth.auth.keys;

import org.jwtauth.token.MutableClock;
import org.jwtauth.auth.audit.AuditLog;
import org.jwtauth.auth.config.AuthProperties;
import org.jwtauth.auth.token.AccessTokenIssuer;
import org.jwtauth.auth.token.IssuedAccessToken;
import org.jwtauth.auth.user.User;
import org.jwtauth.token.AccessTokenValidator;
import org.jwtauth.token.JwkKeys;
import org.jwtauth.token.PemKeys;
import org.jwtauth.token.StaticVerificationKeys;
import org.jwtauth.token.ValidatedAccessToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class SigningKeyStoreTest {

    private static final String ISSUER = "http://issuer.test";
    private static final String AUDIENCE = "some-audience";

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

    private AuthProperties properties(String algorithm) {
        return new AuthProperties(ISSUER, AUDIENCE, Duration.ofMinutes(10), Duration.ofDays(182), dataDir, algorithm, 4,
                new AuthProperties.Seed(false, List.of()),
                new AuthProperties.LoginThrottle(true, 5, 50, Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofMinutes(15)),
                Duration.ofHours(1));
    }

    private SigningKeyStore store(String algorithm) {
        return new SigningKeyStore(properties(algorithm), new AuditLog());
    }

    private Path keyFile() {
        return dataDir.resolve("keys").resolve("signing-key.pem");
    }

    @Test
    void firstStartCreatesAnOwnerOnlyKeyFile() throws Exception {
        SigningKeyStore store = store("RS256");

        Path keys = dataDir.resolve("keys");
        assertThat(keyFile()).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
        String pem = Files.readString(keyFile());
        assertThat(pem).contains("-----BEGIN PRIVATE KEY-----", "-----BEGIN PUBLIC KEY-----");
        // no temporary files left behind
        try (var files = Files.list(keys)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("signing-key.pem", "signing-key.pub.pem");
        }

        SigningKey key = store.current();
        assertThat(key.algorithm()).isEqualTo("RS256");
        assertThat(key.privateKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(key.kid()).isEqualTo(JwkKeys.thumbprintKid(key.publicKey()));
        assertThat(PemKeys.decodePrivate(pem).getEncoded()).isEqualTo(key.privateKey().getEncoded());

        // the public half alone, for resource services that read a PEM file
        String pub = Files.readString(keys.resolve("signing-key.pub.pem"));
        assertThat(pub).doesNotContain("PRIVATE");
        assertThat(PemKeys.decodePublic(pub)).isEqualTo(key.publicKey());

        assertThat(store.publishedKeys()).containsExactly(key.verificationKey());
        assertThat(store.find(key.kid())).contains(key.verificationKey());
        assertThat(store.find("some-other-kid")).isEmpty();
        assertThat(store.find(null)).isEmpty();
    }

    @Test
    void anExistingKeyDirectoryIsMadeOwnerOnly() throws Exception {
        Path keys = Files.createDirectories(dataDir.resolve("keys"));
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxr-xr-x"));

        store("RS256");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
    }

    @Test
    void aSecondInstanceLoadsTheSameKey() throws Exception {
        SigningKey first = store("RS256").current();
        byte[] fileBefore = Files.readAllBytes(keyFile());

        SigningKey second = store("RS256").current();

        assertThat(second.kid()).isEqualTo(first.kid());
        assertThat(second.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        assertThat(Files.readAllBytes(keyFile())).isEqualTo(fileBefore);
        // a token signed by the first instance verifies with the second
        IssuedAccessToken token = new AccessTokenIssuer(properties("RS256"), store("RS256"), clock).issue(user());
        assertThat(validator("RS256", store("RS256")).validate(token.value()).subject()).isNotBlank();
    }

    @Test
    void theKeyIsNotReplacedWhenThePublicFileIsLostOrTampered() throws Exception {
        SigningKey first = store("RS256").current();
        Path pub = dataDir.resolve("keys").resolve("signing-key.pub.pem");

        Files.delete(pub);
        assertThat(store("RS256").current().kid()).isEqualTo(first.kid());
        assertThat(PemKeys.decodePublic(Files.readString(pub))).isEqualTo(first.publicKey());

        Files.writeString(pub, PemKeys.encode(rsaKeyPair().getPublic()));
        assertThat(store("RS256").current().kid()).isEqualTo(first.kid());
        assertThat(PemKeys.decodePublic(Files.readString(pub))).isEqualTo(first.publicKey());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256", "EdDSA", "PS256", "ES384", "RS512"})
    void eachSupportedAlgorithmIssuesTokensThatValidate(String algorithm) {
        SigningKeyStore store = store(algorithm);
        User user = user();

        IssuedAccessToken issued = new AccessTokenIssuer(properties(algorithm), store, clock).issue(user);

        ValidatedAccessToken valid = validator(algorithm, store).validate(issued.value());
        assertThat(valid.headers().get("alg")).isEqualTo(algorithm);
        assertThat(valid.headers().get("kid")).isEqualTo(store.current().kid());
        assertThat(valid.headers().get("typ")).isEqualTo("at+jwt");
        assertThat(valid.subject()).isEqualTo(user.id().toString());
        assertThat(valid.username()).isEqualTo("zoe");
        assertThat(valid.roles()).containsExactly("USER", "ADMIN");
        assertThat(valid.expiresAt()).isEqualTo(issued.expiresAt()).isEqualTo(clock.instant().plusSeconds(600));

        // through the published JWK Set, as a resource service sees it
        String jwks = JwkKeys.toJwkSetJson(store.publishedKeys());
        var fromJwks = new AccessTokenValidator(
                new AccessTokenValidator.Settings(ISSUER, AUDIENCE, Duration.ZERO, Set.of(algorithm), 8192),
                StaticVerificationKeys.of(JwkKeys.parseJwkSet(jwks)), clock);
        assertThat(fromJwks.validate(issued.value()).username()).isEqualTo("zoe");
        if (algorithm.equals("EdDSA")) {
            assertThat(jwks).contains("\"crv\":\"Ed25519\"");
        }

        // and a restart with the same algorithm keeps the key
        assertThat(store(algorithm).current().kid()).isEqualTo(store.current().kid());
    }

    @Test
    void tokensExpireWithTheClock() {
        SigningKeyStore store = store("ES256");
        String token = new AccessTokenIssuer(properties("ES256"), store, clock).issue(user()).value();
        AccessTokenValidator validator = validator("ES256", store);

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        assertThatThrownBy(() -> validator.validate(token)).hasMessageContaining("expired");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "garbage",
            "-----BEGIN PRIVATE KEY-----\n!!!not base64!!!\n-----END PRIVATE KEY-----\n",
            "-----BEGIN PRIVATE KEY-----\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n"
                    + "-----BEGIN PUBLIC KEY-----\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PUBLIC KEY-----\n",
    })
    void aDamagedKeyFileFailsClearlyAndIsNotReplaced(String content) throws Exception {
        Files.createDirectories(keyFile().getParent());
        Files.writeString(keyFile(), content);

        assertThatThrownBy(() -> store("RS256"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged")
                .hasMessageContaining(keyFile().toString());
        assertThat(Files.readString(keyFile())).isEqualTo(content);
    }

    @Test
    void aTruncatedKeyFileFailsClearly() throws Exception {
        store("RS256");
        String pem = Files.readString(keyFile());
        Files.writeString(keyFile(), pem.substring(0, pem.indexOf("-----BEGIN PUBLIC KEY-----")));

        assertThatThrownBy(() -> store("RS256"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged");
    }

    @Test
    void aKeyFileWithMismatchedHalvesIsRefused() throws Exception {
        var a = rsaKeyPair();
        var b = rsaKeyPair();
        Files.createDirectories(keyFile().getParent());
        Files.writeString(keyFile(), PemKeys.encode(a.getPrivate()) + PemKeys.encode(b.getPublic()));

        assertThatThrownBy(() -> store("RS256")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dataDir.resolve("keys").toString());
    }

    @Test
    void anEs256KeyLoadedAsRs256IsRefusedNamingTheAlgorithm() {
        store("ES256");

        assertThatThrownBy(() -> store("RS256"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RS256")
                .hasMessageContaining("auth.signing-algorithm");
    }

    @Test
    void otherAlgorithmMismatchesAreRefusedToo() {
        store("EdDSA");
        assertThatThrownBy(() -> store("ES256")).isInstanceOf(IllegalStateException.class).hasMessageContaining("ES256");
        assertThatThrownBy(() -> store("RS256")).isInstanceOf(IllegalStateException.class).hasMessageContaining("RS256");
    }

    @Test
    void anEs256KeyIsNotUsableForEs384() {
        store("ES256");
        assertThatThrownBy(() -> store("ES384")).isInstanceOf(IllegalStateException.class).hasMessageContaining("ES384");
    }

    @Test
    void anUnreadableKeyFileFailsClearly() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root can read any file");
        store("RS256");
        Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("---------"));
        try {
            assertThatThrownBy(() -> store("RS256")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("permission denied");
        } finally {
            Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void toStringNeverShowsThePrivateKey() {
        for (String algorithm : List.of("RS256", "ES256", "EdDSA")) {
            SigningKey key = new SigningKeyStore(properties(algorithm), new AuditLog()).current();
            String text = key.toString();
            String encoded = Base64.getEncoder().encodeToString(key.privateKey().getEncoded());

            assertThat(text).contains(key.kid()).contains(algorithm);
            assertThat(text).doesNotContain(encoded.substring(encoded.length() - 40, encoded.length() - 8));
            assertThat(text).doesNotContain(key.privateKey().toString());
            assertThat(text).doesNotContainIgnoringCase("private");
            if (key.privateKey() instanceof RSAPrivateCrtKey rsa) {
                assertThat(text).doesNotContain(rsa.getPrivateExponent().toString())
                        .doesNotContain(rsa.getPrivateExponent().toString(16));
            }
            if (key.privateKey() instanceof ECPrivateKey ec) {
                assertThat(text).doesNotContain(ec.getS().toString()).doesNotContain(ec.getS().toString(16));
            }
            // a fresh directory for the next algorithm
            deleteKeys();
        }
    }

    @Test
    void concurrentFirstStartsAgreeOnOneKey() throws Exception {
        for (int round = 0; round < 5; round++) {
            deleteKeys();
            int n = 4;
            var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
            try {
                var barrier = new java.util.concurrent.CyclicBarrier(n);
                List<java.util.concurrent.Future<String>> kids = new java.util.ArrayList<>();
                for (int i = 0; i < n; i++) {
                    kids.add(pool.submit(() -> {
                        barrier.await();
                        return store("RS256").current().kid();
                    }));
                }
                String onDisk = JwkKeys.thumbprintKid(PemKeys.decodePublic(waitAndRead(kids)));
                for (var kid : kids) {
                    assertThat(kid.get()).as("round %d: every instance uses the key on disk", round).isEqualTo(onDisk);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private String waitAndRead(List<java.util.concurrent.Future<String>> kids) throws Exception {
        for (var kid : kids) {
            kid.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        return Files.readString(keyFile());
    }

    private void deleteKeys() {
        try {
            Path keys = dataDir.resolve("keys");
            if (Files.exists(keys)) {
                try (var files = Files.list(keys)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
                Files.delete(keys);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private AccessTokenValidator validator(String algorithm, SigningKeyStore keys) {
        return new AccessTokenValidator(new AccessTokenValidator.Settings(ISSUER, AUDIENCE, Duration.ZERO, Set.of(algorithm),
                AccessTokenValidator.DEFAULT_MAX_TOKEN_LENGTH), keys, clock);
    }

    private User user() {
        return new User(UUID.randomUUID(), "zoe", "{bcrypt}unused", List.of("USER", "ADMIN"), true, clock.instant(), null);
    }

    private static java.security.KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
