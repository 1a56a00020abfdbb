package org.jwtauth.auth.keys;

import io.jsonwebtoken.Jwts;
import org.jwtauth.auth.audit.AuditLog;
import org.jwtauth.auth.error.ApiException;
import org.jwtauth.auth.token.AccessTokenIssuer;
import org.jwtauth.auth.token.IssuedAccessToken;
import org.jwtauth.auth.token.TokenScope;
import org.jwtauth.auth.user.User;
import org.jwtauth.token.AccessTokenFormat;
import org.jwtauth.token.AccessTokenValidator;
import org.jwtauth.token.JwkKeys;
import org.jwtauth.token.MutableClock;
import org.jwtauth.token.PemKeys;
import org.jwtauth.token.StaticVerificationKeys;
import org.jwtauth.token.ValidatedAccessToken;
import org.jwtauth.token.VerificationKey;
import org.jwtauth.token.VerificationKeySource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jwtauth.auth.keys.KeyDatabase.ACCESS_TTL;
import static org.jwtauth.auth.keys.KeyDatabase.AUDIENCE;
import static org.jwtauth.auth.keys.KeyDatabase.ISSUER;

/** The key store over a real (in-memory H2) database, each store standing for one replica or one start. */
class SigningKeyStoreTest {

    private static final Duration MIN_ROTATION_INTERVAL = KeysProperties.defaults().minRotationInterval();
    private static final Duration REFRESH_INTERVAL = KeysProperties.defaults().refreshInterval();

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final String masterKeyBase64 = MasterKey.generateBase64();
    private final MasterKey masterKey = MasterKey.of(masterKeyBase64);
    private final List<KeyDatabase> databases = new ArrayList<>();
    private KeyDatabase db = database();

    private KeyDatabase database() {
        KeyDatabase d = new KeyDatabase();
        databases.add(d);
        return d;
    }

    @AfterEach
    void closeDatabases() {
        databases.forEach(KeyDatabase::close);
    }

    private SigningKeyStore store(String algorithm) {
        return db.store(dataDir, algorithm, masterKey, clock);
    }

    private Path keysDir() {
        return dataDir.resolve("keys");
    }

    @Test
    void firstStartStoresAnActiveAndAPublishedNextKey() throws Exception {
        SigningKeyStore store = store("RS256");

        List<StoredSigningKey> rows = db.repository.findAll();
        assertThat(rows).extracting(StoredSigningKey::slot).containsExactlyInAnyOrder("active", "next");
        StoredSigningKey active = slot(rows, "active");
        StoredSigningKey next = slot(rows, "next");
        assertThat(store.current().kid()).isEqualTo(active.kid()).isEqualTo(JwkKeys.thumbprintKid(store.current().publicKey()));
        assertThat(store.current().algorithm()).isEqualTo("RS256");
        assertThat(active.activatedAt()).isEqualTo(clock.instant());
        assertThat(next.activatedAt()).isNull();
        // both published: the next key before it signs anything
        assertThat(store.publishedKeys()).extracting(VerificationKey::kid).containsExactly(active.kid(), next.kid());
        assertThat(JwkKeys.parseJwkSet(store.jwksJson())).extracting(VerificationKey::kid).containsExactly(active.kid(), next.kid());

        // the active public key for PEM-configured resource services; nothing secret on disk but the master key
        assertThat(PemKeys.decodePublic(Files.readString(keysDir().resolve("signing-key.pub.pem"))))
                .isEqualTo(store.current().publicKey());
        try (var files = Files.list(keysDir())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("signing-key.pub.pem");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keysDir()))).isEqualTo("rwx------");
    }

    @Test
    void theTableNeverHoldsAPlaintextPrivateKey() {
        SigningKeyStore store = store("RS256");
        List<byte[]> privateKeys = new ArrayList<>();
        privateKeys.add(store.current().privateKey().getEncoded());
        StoredSigningKey next = slot(db.repository.findAll(), "next");
        privateKeys.add(masterKey.decrypt(next.kid(), next.encryptedPrivateKey()));

        String table = dumpTable();
        for (byte[] pkcs8 : privateKeys) {
            String b64 = Base64.getEncoder().encodeToString(pkcs8);
            // any 40-character stretch of the key's base64, hex or PEM would give it away
            assertThat(table).doesNotContain(b64.substring(100, 140))
                    .doesNotContain(HexFormat.of().formatHex(pkcs8).substring(200, 240))
                    .doesNotContain("PRIVATE KEY");
        }
        assertThat(db.repository.findAll()).allSatisfy(k -> assertThat(k.encryptedPrivateKey()).startsWith("v1:"));
    }

    @Test
    void theSameKeyEncryptedTwiceGivesDifferentCiphertexts() {
        byte[] secret = "not really a key".getBytes();
        assertThat(masterKey.encrypt("kid", secret)).isNotEqualTo(masterKey.encrypt("kid", secret));
        assertThat(masterKey.decrypt("kid", masterKey.encrypt("kid", secret))).isEqualTo(secret);
    }

    @Test
    void aWrongMasterKeyFailsStartUpClearlyInsteadOfProducingGarbage() {
        String firstKid = store("RS256").current().kid();
        String otherKey = MasterKey.generateBase64();

        assertThatThrownBy(() -> db.store(dataDir, "RS256", MasterKey.of(otherKey), clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot decrypt the signing keys")
                .hasMessageContaining(firstKid)
                .hasMessageContaining("AUTH_KEYS_MASTER_KEY")
                .hasMessageNotContaining(otherKey)
                .hasMessageNotContaining(masterKeyBase64);
        // and nothing was replaced: the right key still works
        assertThat(store("RS256").current().kid()).isEqualTo(firstKid);
    }

    @Test
    void aCiphertextCopiedOntoAnotherRowDoesNotDecrypt() {
        store("RS256");
        List<StoredSigningKey> rows = db.repository.findAll();
        String nextCiphertext = slot(rows, "next").encryptedPrivateKey();
        db.jdbc.sql("UPDATE signing_keys SET private_key = :c WHERE slot = 'active'").param("c", nextCiphertext).update();

        assertThatThrownBy(() -> store("RS256")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot decrypt");
    }

    @Test
    void aMalformedMasterKeyIsRefusedWithoutEchoingIt() {
        for (String bad : List.of("too-short", Base64.getEncoder().encodeToString(new byte[16]), "###not base64###")) {
            KeysProperties props = new KeysProperties(bad, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(1),
                    Duration.ofMinutes(1), true);
            assertThatThrownBy(() -> MasterKey.resolve(props, keysDir()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("auth.keys.master-key")
                    .hasMessageContaining("32")
                    .hasMessageNotContaining(bad);
            assertThat(props.toString()).doesNotContain(bad);
        }
    }

    @Test
    void withoutAConfiguredMasterKeyOneIsGeneratedOnceIntoAnOwnerOnlyFile() throws Exception {
        MasterKey first = MasterKey.resolve(KeysProperties.defaults(), keysDir());
        Path file = keysDir().resolve("master.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String content = Files.readString(file);
        assertThat(Base64.getDecoder().decode(content.strip())).hasSize(32);

        MasterKey second = MasterKey.resolve(KeysProperties.defaults(), keysDir());
        assertThat(Files.readString(file)).isEqualTo(content);
        assertThat(second.decrypt("k", first.encrypt("k", new byte[]{1, 2, 3}))).containsExactly(1, 2, 3);
        try (var files = Files.list(keysDir())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("master.key");
        }
    }

    @Test
    void aRestartKeepsTheKeysAndTheTokensTheySigned() {
        SigningKeyStore first = store("ES256");
        IssuedAccessToken token = issuer("ES256", first).issue(user(), TokenScope.RESOURCES);

        SigningKeyStore second = store("ES256");

        assertThat(second.current().kid()).isEqualTo(first.current().kid());
        assertThat(second.publishedKeys()).isEqualTo(first.publishedKeys());
        assertThat(validator(second).validate(token.value()).username()).isEqualTo("zoe");
        assertThat(db.repository.findAll()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256", "EdDSA", "PS256", "ES384", "RS512"})
    void eachSupportedAlgorithmIssuesTokensThatValidateAndRotatesToItsOwnAlgorithm(String algorithm) {
        SigningKeyStore store = store(algorithm);
        User user = user();

        IssuedAccessToken issued = issuer(algorithm, store).issue(user, TokenScope.RESOURCES);

        ValidatedAccessToken valid = validator(store).validate(issued.value());
        assertThat(valid.headers().get("alg")).isEqualTo(algorithm);
        assertThat(valid.headers().get("kid")).isEqualTo(store.current().kid());
        assertThat(valid.subject()).isEqualTo(user.id().toString());
        assertThat(valid.roles()).containsExactly("USER", "ADMIN");
        // through the published JWK Set, as a resource service sees it
        var fromJwks = new AccessTokenValidator(new AccessTokenValidator.Settings(ISSUER, AUDIENCE, Duration.ZERO, Set.of(algorithm), 8192),
                StaticVerificationKeys.of(JwkKeys.parseJwkSet(store.jwksJson())), clock);
        assertThat(fromJwks.validate(issued.value()).username()).isEqualTo("zoe");

        clock.advance(MIN_ROTATION_INTERVAL);
        store.rotate("test");
        IssuedAccessToken afterRotation = issuer(algorithm, store).issue(user, TokenScope.RESOURCES);
        assertThat(validator(store).validate(afterRotation.value()).headers())
                .containsEntry("alg", algorithm).containsEntry("kid", store.current().kid());
        assertThat(store.current().kid()).isNotEqualTo(valid.headers().get("kid"));
        assertThat(db.repository.findAll()).allSatisfy(k -> assertThat(k.algorithm()).isEqualTo(algorithm));
    }

    @Test
    void rotationSignsWithTheNextKeyAtOnceAndKeepsTheOldOnePublishedUntilItsTokensHaveExpired() {
        SigningKeyStore store = store("RS256");
        String oldKid = store.current().kid();
        String nextKid = slot(db.repository.findAll(), "next").kid();
        clock.advance(MIN_ROTATION_INTERVAL);
        String oldToken = issuer("RS256", store).issue(user(), TokenScope.RESOURCES).value(); // the old key's last token
        Instant rotatedAt = clock.instant();
        SigningKeyStore.Rotation rotation = store.rotate("admin");

        assertThat(rotation.previousKid()).isEqualTo(oldKid);
        assertThat(rotation.activeKid()).isEqualTo(nextKid).isEqualTo(store.current().kid());
        Instant retireAfter = rotatedAt.plus(ACCESS_TTL).plus(REFRESH_INTERVAL).plus(KeysProperties.defaults().retirementMargin());
        assertThat(rotation.previousRetireAfter()).isEqualTo(retireAfter);
        assertThat(header(issuer("RS256", store).issue(user(), TokenScope.RESOURCES).value(), "kid")).isEqualTo(nextKid);
        assertThat(store.publishedKeys()).extracting(VerificationKey::kid).containsExactly(nextKid, rotation.nextKid(), oldKid);

        Map<String, StoredSigningKey> rows = byKid(db.repository.findAll());
        assertThat(rows.get(oldKid).state(clock.instant())).isEqualTo(KeyState.RETIRING);
        assertThat(rows.get(oldKid).encryptedPrivateKey()).as("a key that no longer signs keeps no private key").isNull();
        assertThat(rows.get(nextKid).activatedAt()).isEqualTo(rotatedAt);
        assertThat(rows.get(rotation.nextKid()).state(clock.instant())).isEqualTo(KeyState.NEXT);

        // the old key's last token is valid up to its expiry, and the key published until retire-after
        clock.advance(ACCESS_TTL.minusSeconds(1));
        assertThat(validator(store).validate(oldToken).username()).isEqualTo("zoe");
        clock.setInstant(retireAfter.minusMillis(1));
        assertThat(store.find(oldKid)).isPresent();
        clock.setInstant(retireAfter);
        assertThat(store.find(oldKid)).as("no longer published once retire-after has passed").isEmpty();
        assertThat(JwkKeys.parseJwkSet(store.jwksJson())).extracting(VerificationKey::kid).doesNotContain(oldKid);

        KeyRetirer retirer = new KeyRetirer(db.repository, store, KeysProperties.defaults(), clock, new AuditLog());
        assertThat(retirer.retire()).isEqualTo(1);
        assertThat(retirer.retire()).as("idempotent").isZero();
        assertThat(byKid(db.repository.findAll()).get(oldKid).state(clock.instant())).isEqualTo(KeyState.RETIRED);
        assertThat(byKid(db.repository.findAll()).get(oldKid).retiredAt()).isEqualTo(retireAfter);
    }

    @Test
    void aRotationBeforeTheNextKeyHasBeenPublishedLongEnoughIsRefused() {
        SigningKeyStore store = store("RS256");
        String kid = store.current().kid();
        clock.advance(MIN_ROTATION_INTERVAL.minusSeconds(10));

        assertThatThrownBy(() -> store.rotate("admin"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT))
                .hasMessageContaining("try again in 10 s");
        assertThat(store.current().kid()).isEqualTo(kid);
        assertThat(db.repository.findAll()).hasSize(2);
    }

    @Test
    void anotherReplicaSignsWithTheNewKeyWithinTheRefreshInterval() {
        SigningKeyStore a = store("RS256");
        SigningKeyStore b = store("RS256");
        String oldKid = b.current().kid();
        clock.advance(MIN_ROTATION_INTERVAL);
        b.current(); // b has just re-read the keys
        SigningKeyStore.Rotation rotation = a.rotate("admin");

        assertThat(b.current().kid()).as("until its next re-read").isEqualTo(oldKid);
        assertThat(b.find(rotation.activeKid())).as("the new active key was published in advance").isPresent();

        clock.advance(REFRESH_INTERVAL);
        assertThat(b.current().kid()).isEqualTo(rotation.activeKid());
        assertThat(b.find(rotation.nextKid())).isPresent();
        assertThat(b.find(oldKid)).isPresent();
        assertThat(b.jwksJson()).isEqualTo(a.jwksJson());
        assertThat(PemKeys.decodePublic(readPublicPem())).isEqualTo(b.current().publicKey());
    }

    @Test
    void concurrentFirstStartsAgreeOnOneActiveKey() throws Exception {
        for (int round = 0; round < 3; round++) {
            db = database();
            List<String> kids = concurrently(4, () -> store("RS256").current().kid());
            assertThat(Set.copyOf(kids)).as("round %d", round).hasSize(1);
            assertThat(db.repository.findAll()).extracting(StoredSigningKey::slot).containsExactlyInAnyOrder("active", "next");
        }
    }

    @Test
    void concurrentRotationsActivateExactlyOneKey() throws Exception {
        List<SigningKeyStore> replicas = List.of(store("RS256"), store("RS256"), store("RS256"), store("RS256"));
        clock.advance(MIN_ROTATION_INTERVAL);
        var index = new java.util.concurrent.atomic.AtomicInteger();

        List<String> outcomes = concurrently(4, () -> {
            try {
                return replicas.get(index.getAndIncrement()).rotate("admin").activeKid();
            } catch (ApiException e) {
                return "refused " + e.status().value();
            }
        });

        assertThat(outcomes).filteredOn(o -> !o.startsWith("refused")).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o.startsWith("refused")).allSatisfy(o -> assertThat(o).isEqualTo("refused 409"));
        List<StoredSigningKey> rows = db.repository.findAll();
        assertThat(rows).hasSize(3);
        assertThat(rows).extracting(StoredSigningKey::slot).containsExactlyInAnyOrder("active", "next", null);
    }

    @Test
    void aLegacyPemKeyIsImportedSoTokensIssuedBeforeTheUpgradeStayValid() throws Exception {
        KeyPair legacy = rsaKeyPair();
        Files.createDirectories(keysDir());
        Files.writeString(keysDir().resolve("signing-key.pem"), PemKeys.encode(legacy.getPrivate()) + PemKeys.encode(legacy.getPublic()));
        String legacyKid = JwkKeys.thumbprintKid(legacy.getPublic());
        String beforeUpgrade = Jwts.builder().header().keyId(legacyKid).type(AccessTokenFormat.TYPE).and()
                .issuer(ISSUER).subject(UUID.randomUUID().toString()).audience().add(AUDIENCE).and()
                .issuedAt(Date.from(clock.instant())).expiration(Date.from(clock.instant().plus(ACCESS_TTL)))
                .claim(AccessTokenFormat.CLAIM_USERNAME, "zoe").claim(AccessTokenFormat.CLAIM_ROLES, List.of("USER"))
                .signWith(legacy.getPrivate(), Jwts.SIG.RS256).compact();

        SigningKeyStore store = store("RS256");

        assertThat(store.current().kid()).isEqualTo(legacyKid);
        assertThat(validator(store).validate(beforeUpgrade).username()).isEqualTo("zoe");
        assertThat(slot(db.repository.findAll(), "active").encryptedPrivateKey()).startsWith("v1:");
        // imported once: a restart does not import again, and a rotation moves on from it
        assertThat(store("RS256").current().kid()).isEqualTo(legacyKid);
        assertThat(db.repository.findAll()).hasSize(2);
        clock.advance(MIN_ROTATION_INTERVAL);
        store.rotate("admin");
        assertThat(store.current().kid()).isNotEqualTo(legacyKid);
        assertThat(validator(store).validate(beforeUpgrade).username()).isEqualTo("zoe");
        assertThat(store("RS256").current().kid()).isEqualTo(store.current().kid());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "garbage",
            "-----BEGIN PRIVATE KEY-----\n!!!not base64!!!\n-----END PRIVATE KEY-----\n",
            "-----BEGIN PRIVATE KEY-----\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n"
                    + "-----BEGIN PUBLIC KEY-----\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PUBLIC KEY-----\n",
    })
    void aDamagedLegacyKeyFileFailsClearlyAndIsNotReplaced(String content) throws Exception {
        Path file = keysDir().resolve("signing-key.pem");
        Files.createDirectories(keysDir());
        Files.writeString(file, content);

        assertThatThrownBy(() -> store("RS256"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged")
                .hasMessageContaining(file.toString());
        assertThat(Files.readString(file)).isEqualTo(content);
        assertThat(db.repository.findAll()).isEmpty();
    }

    @Test
    void aLegacyKeyOfAnotherAlgorithmIsRefusedNamingTheSetting() throws Exception {
        KeyPair ec = KeyPairs.generate("ES256");
        Files.createDirectories(keysDir());
        Files.writeString(keysDir().resolve("signing-key.pem"), PemKeys.encode(ec.getPrivate()) + PemKeys.encode(ec.getPublic()));

        assertThatThrownBy(() -> store("RS256"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("auth.signing-algorithm=RS256");
    }

    @Test
    void changingTheAlgorithmReplacesTheUnusedNextKeySoTheNextRotationUsesIt() {
        SigningKeyStore rs = store("RS256");
        String rsKid = rs.current().kid();
        String rsToken = issuer("RS256", rs).issue(user(), TokenScope.RESOURCES).value();

        SigningKeyStore es = store("ES256");
        assertThat(es.current().kid()).as("the active key keeps its algorithm until a rotation").isEqualTo(rsKid);
        assertThat(slot(db.repository.findAll(), "next").algorithm()).isEqualTo("ES256");

        clock.advance(MIN_ROTATION_INTERVAL);
        es.rotate("admin");
        assertThat(es.current().algorithm()).isEqualTo("ES256");
        assertThat(header(issuer("ES256", es).issue(user(), TokenScope.RESOURCES).value(), "alg")).isEqualTo("ES256");
        assertThat(validator(es).validate(rsToken).username()).as("the RS256 key is still published").isEqualTo("zoe");
    }

    @Test
    void toStringNeverShowsPrivateMaterial() {
        for (String algorithm : List.of("RS256", "ES256", "EdDSA")) {
            db = database();
            SigningKey key = store(algorithm).current();
            String text = key.toString() + slot(db.repository.findAll(), "active") + masterKey;
            String encoded = Base64.getEncoder().encodeToString(key.privateKey().getEncoded());

            assertThat(text).contains(key.kid()).contains(algorithm);
            assertThat(text).doesNotContain(encoded.substring(encoded.length() - 40, encoded.length() - 8));
            assertThat(text).doesNotContain("v1:").doesNotContain(masterKeyBase64);
            assertThat(text).doesNotContainIgnoringCase("private");
            if (key.privateKey() instanceof RSAPrivateCrtKey rsa) {
                assertThat(text).doesNotContain(rsa.getPrivateExponent().toString(16));
            }
            if (key.privateKey() instanceof ECPrivateKey ec) {
                assertThat(text).doesNotContain(ec.getS().toString(16));
            }
        }
    }

    private String dumpTable() {
        StringBuilder all = new StringBuilder();
        db.jdbc.sql("SELECT * FROM signing_keys").query(rs -> {
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                all.append(rs.getString(c)).append('|');
            }
            all.append('\n');
        });
        return all.toString();
    }

    private String readPublicPem() {
        try {
            return Files.readString(keysDir().resolve("signing-key.pub.pem"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static <T> List<T> concurrently(int n, java.util.concurrent.Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CyclicBarrier barrier = new CyclicBarrier(n);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    barrier.await();
                    return call.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static StoredSigningKey slot(List<StoredSigningKey> rows, String slot) {
        return rows.stream().filter(k -> slot.equals(k.slot())).findFirst().orElseThrow();
    }

    private static Map<String, StoredSigningKey> byKid(List<StoredSigningKey> rows) {
        Map<String, StoredSigningKey> map = new java.util.HashMap<>();
        rows.forEach(k -> map.put(k.kid(), k));
        return map;
    }

    private static String header(String jwt, String name) {
        String json = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))));
        return json.replaceAll(".*\"" + name + "\":\"([^\"]+)\".*", "$1");
    }

    private AccessTokenIssuer issuer(String algorithm, SigningKeyStore store) {
        return new AccessTokenIssuer(KeyDatabase.properties(dataDir, algorithm), store, new SigningProvider(KeysProperties.defaults()), clock);
    }

    private AccessTokenValidator validator(VerificationKeySource keys) {
        return new AccessTokenValidator(new AccessTokenValidator.Settings(ISSUER, AUDIENCE, Duration.ZERO,
                AccessTokenFormat.SUPPORTED_ALGORITHMS, AccessTokenValidator.DEFAULT_MAX_TOKEN_LENGTH), keys, clock);
    }

    private User user() {
        return new User(UUID.randomUUID(), "zoe", "{bcrypt}unused", List.of("USER", "ADMIN"), true, clock.instant(), null);
    }

    private static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
