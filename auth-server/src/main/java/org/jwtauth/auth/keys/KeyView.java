package org.jwtauth.auth.keys;

import java.time.Instant;

/** A signing key as the admin API shows it: identifiers, state and times, never any private material. */
public record KeyView(String kid, String alg, String state, Instant createdAt, Instant activatedAt,
                      Instant retireAfter, Instant retiredAt) {

    static KeyView of(StoredSigningKey key, Instant now) {
        return new KeyView(key.kid(), key.algorithm(), key.state(now).value(), key.createdAt(), key.activatedAt(),
                key.retireAfter(), key.retiredAt());
    }
}
