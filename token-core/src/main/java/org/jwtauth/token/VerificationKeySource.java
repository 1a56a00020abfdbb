package org.jwtauth.token;

import java.util.Optional;

/** Where a validator finds the public key for a token's {@code kid}. */
@FunctionalInterface
public interface VerificationKeySource {

    /**
     * @param kid the token's key id, possibly null
     * @return the key, or empty when this source does not know it
     */
    Optional<VerificationKey> find(String kid);
}
