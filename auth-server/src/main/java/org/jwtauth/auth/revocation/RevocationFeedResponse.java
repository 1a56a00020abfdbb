package org.jwtauth.auth.revocation;

import java.util.List;

/**
 * {@code {"revocations":[{"sub":"…","revoked_at":…}],"as_of":…}}: epoch seconds, rounded down. The
 * wire format is fixed: resource services poll it.
 */
public record RevocationFeedResponse(List<Entry> revocations, long asOf) {

    public RevocationFeedResponse {
        revocations = List.copyOf(revocations);
    }

    /** @param sub the user id, the same value as the access tokens' {@code sub} */
    public record Entry(String sub, long revokedAt) {
    }
}
