package org.jwtauth.auth.keys;

import java.time.Instant;

/**
 * One row of {@code signing_keys}. {@code encryptedPrivateKey} is the master-key ciphertext (null once
 * the key has stopped signing); {@code toString} leaves it out all the same.
 */
public record StoredSigningKey(String kid, String algorithm, String publicKeyPem, String encryptedPrivateKey,
                               String slot, Instant createdAt, Instant activatedAt, Instant retireAfter,
                               Instant retiredAt) {

    static final String ACTIVE = "active";
    static final String NEXT = "next";

    public KeyState state(Instant now) {
        if (ACTIVE.equals(slot)) {
            return KeyState.ACTIVE;
        }
        if (NEXT.equals(slot)) {
            return KeyState.NEXT;
        }
        if (retiredAt != null || (retireAfter != null && !now.isBefore(retireAfter))) {
            return KeyState.RETIRED;
        }
        return KeyState.RETIRING;
    }

    @Override
    public String toString() {
        return "StoredSigningKey[kid=" + kid + ", algorithm=" + algorithm + ", slot=" + slot + "]";
    }
}
