package org.jwtauth.auth.keys;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.SignatureAlgorithm;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;

/** Generating, decoding and checking signing key pairs for the JWS algorithms we support. */
final class KeyPairs {

    private KeyPairs() {
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

    /** The private key from its PKCS#8 encoding, which is wiped afterwards. */
    static PrivateKey privateKey(byte[] pkcs8, PublicKey publicKey) {
        try {
            return KeyFactory.getInstance(publicKey.getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a " + publicKey.getAlgorithm() + " private key", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /**
     * Signs and verifies a probe, so a key that does not suit its algorithm, or halves that do not
     * belong together, are found at start-up rather than by the first client.
     *
     * @throws IllegalArgumentException with the reason
     */
    static void checkPair(SigningKey key) {
        try {
            String probe = Jwts.builder().subject("probe").signWith(key.privateKey(), key.signatureAlgorithm()).compact();
            Jwts.parser().verifyWith(key.publicKey()).build().parseSignedClaims(probe);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
