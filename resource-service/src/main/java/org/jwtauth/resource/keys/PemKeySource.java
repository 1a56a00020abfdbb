package org.jwtauth.resource.keys;

import org.jwtauth.token.JwkKeys;
import org.jwtauth.token.PemKeys;
import org.jwtauth.token.StaticVerificationKeys;
import org.jwtauth.token.VerificationKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One public key from a PEM file, for deployments that distribute the key out of band instead of
 * fetching the JWK Set. A PEM file has no kid, so the key verifies any token (the signature decides).
 */
public final class PemKeySource implements InspectableKeySource {

    private final StaticVerificationKeys keys;
    private final String kid;

    private PemKeySource(VerificationKey key) {
        this.keys = StaticVerificationKeys.singleKey(key);
        this.kid = key.kid();
    }

    /**
     * @throws IllegalStateException with a message naming the file when it cannot be used, so that a
     *                               misconfigured service fails at startup rather than rejecting every token
     */
    public static PemKeySource load(Path file, String algorithm) {
        String pem;
        try {
            pem = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read resource.public-key-file " + file.toAbsolutePath() + ": " + e, e);
        }
        PublicKey publicKey;
        try {
            publicKey = PemKeys.decodePublic(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("resource.public-key-file " + file.toAbsolutePath()
                    + " does not hold a usable PEM public key: " + e.getMessage(), e);
        }
        if (!fits(publicKey, algorithm)) {
            throw new IllegalStateException("resource.public-key-file " + file.toAbsolutePath() + " holds a "
                    + publicKey.getAlgorithm() + " key, which cannot verify " + algorithm
                    + " signatures (check resource.public-key-algorithm)");
        }
        return new PemKeySource(new VerificationKey(JwkKeys.thumbprintKid(publicKey), algorithm, publicKey));
    }

    private static boolean fits(PublicKey key, String algorithm) {
        if (algorithm.startsWith("RS") || algorithm.startsWith("PS")) {
            return key instanceof RSAPublicKey;
        }
        if (algorithm.startsWith("ES")) {
            return key instanceof ECPublicKey;
        }
        return "EdDSA".equals(algorithm) && key instanceof EdECPublicKey;
    }

    public String kid() {
        return kid;
    }

    @Override
    public Optional<VerificationKey> find(String kid) {
        return keys.find(kid);
    }

    @Override
    public List<String> keyIds() {
        return List.of(kid);
    }

    @Override
    public Optional<Instant> lastSuccessfulFetch() {
        return Optional.empty();
    }
}
