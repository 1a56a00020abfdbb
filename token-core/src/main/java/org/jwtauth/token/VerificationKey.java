package org.jwtauth.token;

import java.security.PublicKey;
import java.util.Objects;

/** A public key that may verify access tokens, with the one algorithm it is meant for. */
public record VerificationKey(String kid, String algorithm, PublicKey publicKey) {

    public VerificationKey {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKey, "publicKey");
    }
}
