package org.jwtauth.auth.keys;

import io.jsonwebtoken.security.SignatureAlgorithm;
import org.jwtauth.token.VerificationKey;

import java.security.PrivateKey;
import java.security.PublicKey;

/** The key pair access tokens are signed with. {@code toString} never shows the private key. */
public record SigningKey(String kid, String algorithm, PrivateKey privateKey, PublicKey publicKey) {

    /** The jjwt algorithm this key signs with; the store has checked at load time that they fit. */
    public SignatureAlgorithm signatureAlgorithm() {
        return KeyPairs.signatureAlgorithm(algorithm);
    }

    public VerificationKey verificationKey() {
        return new VerificationKey(kid, algorithm, publicKey);
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", algorithm=" + algorithm + "]";
    }
}
