package org.jwtauth.resource.support;

import io.jsonwebtoken.Jwts;
import org.jwtauth.token.JwkKeys;
import org.jwtauth.token.VerificationKey;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

/** An RS256 key pair named by its RFC 7638 thumbprint, like the auth server's keys. */
public record TestKey(KeyPair keyPair, String kid) {

    public static TestKey generate() {
        KeyPair pair = Jwts.SIG.RS256.keyPair().build();
        return new TestKey(pair, JwkKeys.thumbprintKid(pair.getPublic()));
    }

    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    public VerificationKey verificationKey() {
        return new VerificationKey(kid, "RS256", publicKey());
    }
}
