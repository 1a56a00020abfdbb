package org.jwtauth.auth.keys;

import org.jwtauth.auth.audit.AuditLog;
import org.jwtauth.auth.config.AuthProperties;
import org.jwtauth.auth.error.ApiException;
import org.jwtauth.token.JwkKeys;
import org.jwtauth.token.PemKeys;
import org.jwtauth.token.VerificationKey;
import org.jwtauth.token.VerificationKeySource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The signing keys, kept in the database so that every replica signs with the same active key and
 * publishes the same keys; private keys are stored encrypted with the {@link MasterKey}.
 * <p>
 * There is always an active key (signs new access tokens) and a next key, published in the JWKS
 * before it is used. A rotation activates the next key at once, creates a new next key, and keeps
 * the previous key published until every token it signed has expired. Because the key a rotation
 * switches to has been in the JWKS for at least {@code auth.keys.min-rotation-interval}, a resource
 * service whose rate-limited re-fetch has just run still knows it.
 * <p>
 * Each replica re-reads the keys every {@code auth.keys.refresh-interval}, lazily: the request that
 * finds its view stale reloads it (one small query), the others go on with the view they have.
 */
@Component
public class SigningKeyStore implements VerificationKeySource {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyStore.class);

    /** Where the single-instance versions kept their key; imported into the database on first start. */
    static final String LEGACY_PRIVATE_KEY_FILE = "signing-key.pem";
    /** The active public key as PEM, for resource services configured with resource.public-key-file. */
    static final String PUBLIC_KEY_FILE = "signing-key.pub.pem";

    private final SigningKeyRepository repository;
    private final TransactionTemplate tx;
    private final MasterKey masterKey;
    private final AuthProperties properties;
    private final KeysProperties keysProperties;
    private final Clock clock;
    private final AuditLog audit;
    private final Path keysDir;
    private final ReentrantLock reloadLock = new ReentrantLock();

    private volatile Snapshot snapshot;

    /** What this replica currently signs with and publishes; replaced wholesale, so readers need no lock. */
    private record Snapshot(SigningKey active, Map<String, VerificationKey> published, String jwksJson, Instant loadedAt,
                            Instant firstRetirement) {

        /** Stale after the refresh interval, when a published key's retire-after time comes, or if the clock went back. */
        boolean isStale(Instant now, Duration refreshInterval) {
            return !now.isBefore(loadedAt.plus(refreshInterval)) || now.isBefore(loadedAt) || !now.isBefore(firstRetirement);
        }
    }

    /** The outcome of a rotation. */
    public record Rotation(String previousKid, Instant previousRetireAfter, String activeKid, String nextKid) {
    }

    public SigningKeyStore(SigningKeyRepository repository, TransactionTemplate tx, MasterKey masterKey,
                           AuthProperties properties, KeysProperties keysProperties, Clock clock, AuditLog audit) {
        this.repository = repository;
        this.tx = tx;
        this.masterKey = masterKey;
        this.properties = properties;
        this.keysProperties = keysProperties;
        this.clock = clock;
        this.audit = audit;
        this.keysDir = properties.dataDir().resolve("keys");
        try {
            KeyFiles.createPrivateDirectory(keysDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the key directory " + keysDir, e);
        }
        ensureActiveAndNextKeys();
        Snapshot first = load(null);
        // Fail now, not at the first rotation, if the master key cannot open the next key either.
        repository.findUnretired().stream().filter(k -> StoredSigningKey.NEXT.equals(k.slot())).forEach(this::decrypt);
        this.snapshot = first;
        audit.event("signing_key_loaded", "kid", first.active().kid(), "alg", first.active().algorithm(),
                "published", String.join(",", first.published().keySet()));
    }

    /** The key new access tokens are signed with. */
    public SigningKey current() {
        return fresh().active();
    }

    /** Public keys to publish and to verify our own tokens with (the admin API): next, active and retiring ones. */
    public List<VerificationKey> publishedKeys() {
        return List.copyOf(fresh().published().values());
    }

    /** The published keys as a JWK Set document, rendered once per change. */
    public String jwksJson() {
        return fresh().jwksJson();
    }

    @Override
    public Optional<VerificationKey> find(String kid) {
        return kid == null ? Optional.empty() : Optional.ofNullable(fresh().published().get(kid));
    }

    /** Every key ever stored, oldest first, without private material in any form callers could show. */
    public List<StoredSigningKey> all() {
        return repository.findAll();
    }

    /**
     * Activates the next key at once and creates a new next key, in one transaction; the previous key
     * stays published until {@code now + access-token TTL + refresh interval + retirement margin}.
     *
     * @throws ApiException 409 when the next key has not been published for {@code auth.keys.min-rotation-interval}
     *                      yet, or another rotation happened at the same moment
     */
    public Rotation rotate(String actor) {
        Instant now = clock.instant();
        Rotation rotation;
        try {
            rotation = tx.execute(status -> {
                List<StoredSigningKey> rows = repository.findUnretired();
                StoredSigningKey active = slot(rows, StoredSigningKey.ACTIVE).orElse(null);
                StoredSigningKey next = slot(rows, StoredSigningKey.NEXT).orElse(null);
                if (active == null || next == null) {
                    throw concurrentRotation();
                }
                Instant ready = next.createdAt().plus(keysProperties.minRotationInterval());
                if (now.isBefore(ready)) {
                    long wait = Math.max(1, Duration.between(now, ready).toSeconds());
                    throw ApiException.conflict("The next signing key " + next.kid() + " has been published for less than "
                            + "auth.keys.min-rotation-interval (" + keysProperties.minRotationInterval().toSeconds()
                            + " s), so resource services may not know it yet; try again in " + wait + " s");
                }
                Instant retireAfter = now.plus(properties.accessTokenTtl())
                        // a replica may sign with the old key until it next re-reads the keys
                        .plus(keysProperties.refreshInterval())
                        .plus(keysProperties.retirementMargin());
                if (!repository.supersede(active.kid(), retireAfter) || !repository.activate(next.kid(), now)) {
                    throw concurrentRotation();
                }
                StoredSigningKey fresh = newKey(StoredSigningKey.NEXT, now);
                repository.insert(fresh);
                return new Rotation(active.kid(), retireAfter, next.kid(), fresh.kid());
            });
        } catch (DataAccessException e) {
            // Two rotations at once, on this replica or another: the database let one of them through.
            log.info("Key rotation lost a race with another rotation: {}", e.getMessage());
            throw concurrentRotation();
        }
        reloadNow();
        audit.event("signing_key_rotated", "by", actor, "kid", rotation.activeKid(), "alg", current().algorithm(),
                "previous_kid", rotation.previousKid(), "previous_retire_after", rotation.previousRetireAfter(),
                "next_kid", rotation.nextKid());
        return rotation;
    }

    /** Re-reads the keys at once instead of at the next refresh, e.g. after retiring keys. */
    public void reloadNow() {
        reloadLock.lock();
        try {
            snapshot = load(snapshot);
        } finally {
            reloadLock.unlock();
        }
    }

    private Snapshot fresh() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (!s.isStale(now, keysProperties.refreshInterval())) {
            return s;
        }
        if (!reloadLock.tryLock()) {
            return s; // another request is reloading; this one goes on with the current view
        }
        try {
            if (snapshot != s) {
                return snapshot;
            }
            try {
                snapshot = load(s);
            } catch (RuntimeException e) {
                // Keep signing with the key we have (its tokens stay verifiable while it is published);
                // try again after the next interval rather than on every request.
                log.error("Could not re-read the signing keys; going on with key {}: {}", s.active().kid(), e.toString());
                snapshot = new Snapshot(s.active(), s.published(), s.jwksJson(), now, Instant.MAX);
            }
            return snapshot;
        } finally {
            reloadLock.unlock();
        }
    }

    private Snapshot load(Snapshot previous) {
        Instant now = clock.instant();
        List<StoredSigningKey> rows = repository.findUnretired();
        StoredSigningKey activeRow = slot(rows, StoredSigningKey.ACTIVE)
                .orElseThrow(() -> new IllegalStateException("The signing_keys table has no active key"));
        boolean sameActive = previous != null && previous.active().kid().equals(activeRow.kid());
        SigningKey active = sameActive ? previous.active() : decrypt(activeRow);

        Map<String, VerificationKey> published = new LinkedHashMap<>();
        published.put(active.kid(), active.verificationKey());
        rows.stream()
                .filter(k -> k.state(now) != KeyState.RETIRED && !k.kid().equals(active.kid()))
                .sorted(Comparator.comparing(StoredSigningKey::createdAt).reversed())
                .forEach(k -> published.put(k.kid(), previous != null && previous.published().containsKey(k.kid())
                        ? previous.published().get(k.kid()) : verificationKey(k)));
        // Rendering a JWK Set is not free: only when the published keys change.
        String json = previous != null && List.copyOf(previous.published().keySet()).equals(List.copyOf(published.keySet()))
                ? previous.jwksJson() : JwkKeys.toJwkSetJson(published.values());
        if (!sameActive) {
            writePublicKeyFile(active, previous == null);
            if (previous != null) {
                log.info("Now signing with key {} ({})", active.kid(), active.algorithm());
            }
        }
        Instant firstRetirement = rows.stream()
                .filter(k -> published.containsKey(k.kid()) && k.retireAfter() != null)
                .map(StoredSigningKey::retireAfter).min(Comparator.naturalOrder()).orElse(Instant.MAX);
        return new Snapshot(active, Collections.unmodifiableMap(published), json, now, firstRetirement);
    }

    private void ensureActiveAndNextKeys() {
        List<StoredSigningKey> rows = repository.findUnretired();
        Instant now = clock.instant();
        if (slot(rows, StoredSigningKey.ACTIVE).isEmpty()) {
            Optional<StoredSigningKey> legacy = legacyKey(now);
            StoredSigningKey first = legacy.orElseGet(() -> newKey(StoredSigningKey.ACTIVE, now));
            if (insertUnlessTaken(first)) {
                audit.event(legacy.isPresent() ? "signing_key_imported" : "signing_key_created",
                        "kid", first.kid(), "alg", first.algorithm(), "state", "active");
            }
        }
        Optional<StoredSigningKey> staleNext = slot(rows, StoredSigningKey.NEXT)
                .filter(k -> !k.algorithm().equals(properties.signingAlgorithm()));
        if (staleNext.isPresent() && repository.deleteNext(staleNext.get().kid())) {
            // auth.signing-algorithm changed: a rotation must switch to a key of the configured algorithm.
            // The next key has never signed anything, so it can simply go.
            audit.event("signing_key_discarded", "kid", staleNext.get().kid(), "alg", staleNext.get().algorithm(),
                    "reason", "auth.signing-algorithm is now " + properties.signingAlgorithm());
            rows = repository.findUnretired();
        }
        if (slot(rows, StoredSigningKey.NEXT).isEmpty()) {
            StoredSigningKey next = newKey(StoredSigningKey.NEXT, now);
            if (insertUnlessTaken(next)) {
                audit.event("signing_key_created", "kid", next.kid(), "alg", next.algorithm(), "state", "next");
            }
        }
    }

    /** @return false when another replica filled the slot first (its key is then the one everybody uses) */
    private boolean insertUnlessTaken(StoredSigningKey key) {
        try {
            repository.insert(key);
            return true;
        } catch (DataIntegrityViolationException e) {
            log.info("Another instance created the {} signing key first; using that one", key.slot());
            return false;
        }
    }

    private StoredSigningKey newKey(String slot, Instant now) {
        String algorithm = properties.signingAlgorithm();
        KeyPair pair = KeyPairs.generate(algorithm);
        return stored(pair.getPrivate(), pair.getPublic(), algorithm, slot, now);
    }

    private StoredSigningKey stored(PrivateKey privateKey, PublicKey publicKey, String algorithm, String slot, Instant now) {
        String kid = JwkKeys.thumbprintKid(publicKey);
        return new StoredSigningKey(kid, algorithm, PemKeys.encode(publicKey), masterKey.encrypt(kid, privateKey.getEncoded()),
                slot, now, StoredSigningKey.ACTIVE.equals(slot) ? now : null, null, null);
    }

    /**
     * The key pair of a version that kept it in {@code keys/signing-key.pem}, to become the active key,
     * so that tokens issued before the upgrade stay valid. The file is left in place (and unused).
     */
    private Optional<StoredSigningKey> legacyKey(Instant now) {
        Path file = keysDir.resolve(LEGACY_PRIVATE_KEY_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String algorithm = properties.signingAlgorithm();
        SigningKey key;
        try {
            String pem = Files.readString(file);
            PublicKey publicKey = PemKeys.decodePublic(pem);
            key = new SigningKey(JwkKeys.thumbprintKid(publicKey), algorithm, PemKeys.decodePrivate(pem), publicKey);
        } catch (AccessDeniedException e) {
            throw new IllegalStateException("Cannot read the signing key in " + keysDir + ": permission denied", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the signing key from " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The signing key file " + file + " is damaged: " + e.getMessage(), e);
        }
        try {
            KeyPairs.checkPair(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The signing key in " + keysDir + " cannot be used with auth.signing-algorithm="
                    + algorithm + " (" + e.getMessage() + "). Configure the algorithm the key was created for,"
                    + " or move the key files away to create a new key.", e);
        }
        log.info("Importing the signing key {} from {} into the database", key.kid(), file);
        return Optional.of(stored(key.privateKey(), key.publicKey(), algorithm, StoredSigningKey.ACTIVE, now));
    }

    private SigningKey decrypt(StoredSigningKey row) {
        PublicKey publicKey = publicKey(row);
        if (row.encryptedPrivateKey() == null) {
            throw new IllegalStateException("The signing key " + row.kid() + " has no private key in the database");
        }
        byte[] pkcs8;
        try {
            pkcs8 = masterKey.decrypt(row.kid(), row.encryptedPrivateKey());
        } catch (MasterKey.WrongMasterKeyException e) {
            throw new IllegalStateException("Cannot decrypt the signing keys in the database: " + e.getMessage()
                    + ". It is not the master key they were encrypted with, or the row was altered. Every replica must be"
                    + " given the same auth.keys.master-key (AUTH_KEYS_MASTER_KEY).", e);
        }
        SigningKey key;
        try {
            key = new SigningKey(row.kid(), row.algorithm(), KeyPairs.privateKey(pkcs8, publicKey), publicKey);
            KeyPairs.checkPair(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The signing key " + row.kid() + " in the database is unusable: " + e.getMessage(), e);
        }
        return key;
    }

    private static VerificationKey verificationKey(StoredSigningKey row) {
        return new VerificationKey(row.kid(), row.algorithm(), publicKey(row));
    }

    private static PublicKey publicKey(StoredSigningKey row) {
        PublicKey key;
        try {
            key = PemKeys.decodePublic(row.publicKeyPem());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The public key of signing key " + row.kid() + " in the database is damaged", e);
        }
        if (!JwkKeys.thumbprintKid(key).equals(row.kid())) {
            throw new IllegalStateException("The public key of signing key " + row.kid() + " does not match its kid");
        }
        return key;
    }

    /** At start-up a failure is fatal; later it must not stop this replica from following a rotation. */
    private void writePublicKeyFile(SigningKey active, boolean startup) {
        Path file = keysDir.resolve(PUBLIC_KEY_FILE);
        try {
            KeyFiles.replace(file, PemKeys.encode(active.publicKey()));
        } catch (IOException e) {
            if (startup) {
                throw new UncheckedIOException("Cannot write " + file, e);
            }
            log.warn("Could not write the new active public key to {}: {}", file, e.toString());
        }
    }

    private static Optional<StoredSigningKey> slot(List<StoredSigningKey> rows, String slot) {
        return rows.stream().filter(k -> slot.equals(k.slot())).findFirst();
    }

    private static ApiException concurrentRotation() {
        return ApiException.conflict("Another key rotation happened at the same moment; list the keys and try again if needed");
    }
}
