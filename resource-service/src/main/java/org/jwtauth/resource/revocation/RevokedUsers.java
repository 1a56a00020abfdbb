package org.jwtauth.resource.revocation;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The revocations learnt from the feed: user id ({@code sub}) to the latest time that user was revoked.
 * A token is revoked when it was issued at or before that time ({@code iat <= revoked_at}), so a user
 * who is re-enabled and logs in again gets tokens that pass. One map lookup per request; thread-safe.
 */
public final class RevokedUsers {

    private final Map<String, Instant> revokedAt = new ConcurrentHashMap<>();

    /**
     * @param issuedAt the token's {@code iat}; a token of a revoked user without one cannot prove it
     *                 was issued afterwards, so it counts as revoked
     */
    public boolean isRevoked(String subject, Instant issuedAt) {
        if (subject == null) {
            return false;
        }
        Instant revoked = revokedAt.get(subject);
        return revoked != null && (issuedAt == null || !issuedAt.isAfter(revoked));
    }

    /** Keeps the later of the known and the new time: answers overlap, and may arrive out of order. */
    public void revoke(String subject, Instant at) {
        revokedAt.merge(subject, at, (known, added) -> added.isAfter(known) ? added : known);
    }

    /** Forgets revocations before {@code cutoff}: every token issued before them has expired by then. */
    public int forgetBefore(Instant cutoff) {
        int before = revokedAt.size();
        revokedAt.values().removeIf(at -> at.isBefore(cutoff));
        return before - revokedAt.size();
    }

    public int size() {
        return revokedAt.size();
    }
}
