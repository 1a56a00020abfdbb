package org.jwtauth.auth.keys;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.SignatureAlgorithm;
import org.jwtauth.auth.audit.AuditLog;
import org.jwtauth.auth.config.AuthProperties;
import org.jwtauth.token.JwkKeys;
import org.jwtauth.token.PemKeys;
import org.jwtauth.token.StaticVerificationKeys;
import org.jwtauth.token.VerificationKey;
import org.jwtauth.token.VerificationKeySource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

/**
 * Loads the signing key pair from {@code <auth.data-dir>/keys/signing-key.pem}, creating it on
 * first start, so that tokens issued before a restart stay verifiable after it. That file is
 * readable by the owner only; the public half is also written to {@code signing-key.pub.pem} for
 * resource services that prefer a file to the JWKS endpoint.
 */
@Component
public class SigningKeyStore implements VerificationKeySource {

    static final String PRIVATE_KEY_FILE = "signing-key.pem";
    static final String PUBLIC_KEY_FILE = "signing-key.pub.pem";

    private final SigningKey current;
    private final StaticVerificationKeys verificationKeys;

    public SigningKeyStore(AuthProperties properties, AuditLog audit) {
        Path dir = properties.dataDir().resolve("keys");
        String algorithm = properties.signingAlgorithm();
        Path privateFile = dir.resolve(PRIVATE_KEY_FILE);
        Path publicFile = dir.resolve(PUBLIC_KEY_FILE);
        try {
            createPrivateDirectory(dir);
            if (!Files.exists(privateFile)) {
                // Both halves in one file, written atomically: a crash can never leave a mismatched pair.
                KeyPair pair = generate(algorithm);
                if (writeOnce(privateFile, PemKeys.encode(pair.getPrivate()) + PemKeys.encode(pair.getPublic()), true)) {
                    audit.event("signing_key_created", "kid", JwkKeys.thumbprintKid(pair.getPublic()), "alg", algorithm);
                }
            }
            String pem = Files.readString(privateFile);
            PrivateKey privateKey = PemKeys.decodePrivate(pem);
            PublicKey publicKey = PemKeys.decodePublic(pem);
            this.current = new SigningKey(JwkKeys.thumbprintKid(publicKey), algorithm, privateKey, publicKey);
            Files.writeString(publicFile, PemKeys.encode(publicKey), StandardCharsets.US_ASCII);
        } catch (AccessDeniedException e) {
            throw new IllegalStateException("Cannot read or write the signing key in " + dir + ": permission denied", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the signing key from " + dir, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The signing key file " + privateFile + " is damaged: " + e.getMessage(), e);
        }
        checkPair(current, dir);
        this.verificationKeys = StaticVerificationKeys.of(List.of(current.verificationKey()));
        audit.event("signing_key_loaded", "kid", current.kid(), "alg", algorithm);
    }

    public SigningKey current() {
        return current;
    }

    /** Public keys to publish and to verify our own tokens with (the admin API). */
    public List<VerificationKey> publishedKeys() {
        return List.of(current.verificationKey());
    }

    @Override
    public Optional<VerificationKey> find(String kid) {
        return verificationKeys.find(kid);
    }

    static KeyPair generate(String algorithm) {
        if ("EdDSA".equals(algorithm)) {
            // jjwt's EdDSA default is Ed448; Ed25519 is the widely supported curve.
            return Jwks.CRV.Ed25519.keyPair().build();
        }
        if (algorithm.startsWith("PS")) {
            // jjwt's PS* generator makes an RSASSA-PSS-typed key that PemKeys cannot read back; a plain
            // RSA key signs PS* just as well (RFC 7518 3.5) and is what JWK and PEM consumers expect.
            return Jwts.SIG.RS256.keyPair().build();
        }
        return signatureAlgorithm(algorithm).keyPair().build();
    }

    static SignatureAlgorithm signatureAlgorithm(String algorithm) {
        return (SignatureAlgorithm) Jwts.SIG.get().forKey(algorithm);
    }

    /** Fails fast when the stored key does not suit the configured algorithm or the pair does not match. */
    private static void checkPair(SigningKey key, Path dir) {
        try {
            String probe = Jwts.builder().subject("probe").signWith(key.privateKey(), key.signatureAlgorithm()).compact();
            Jwts.parser().verifyWith(key.publicKey()).build().parseSignedClaims(probe);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The signing key in " + dir + " cannot be used with auth.signing-algorithm="
                    + key.algorithm() + " (" + e.getMessage() + "). Configure the algorithm the key was created for,"
                    + " or move the key files away to create a new key.", e);
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (isPosix()) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * Writes through a temporary file and an atomic hard link that never replaces, so a crash leaves no
     * half-written key and two instances starting at once agree on one key.
     *
     * @return whether this call created the file
     */
    private static boolean writeOnce(Path target, String content, boolean secret) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            if (secret && isPosix()) {
                // Restrict before writing, so the key is never readable by others, not even briefly.
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            try {
                // link(2) is atomic and fails if the target exists; an ATOMIC_MOVE (rename) would
                // silently replace a key another instance has just written and is already using.
                Files.createLink(target, tmp);
            } catch (FileAlreadyExistsException e) {
                return false;
            }
            if (Files.size(target) == 0) {
                throw new IOException("key file " + target + " is empty");
            }
            return true;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
