package org.jwtauth.auth.revocation;

import org.jwtauth.auth.config.AuthProperties;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Which users were revoked since a moment, for resource services that want to refuse a revoked
 * user's access tokens before they expire: a consumer rejects tokens with {@code iat <= revoked_at}
 * for that {@code sub}, and polls again with {@code since} a few seconds before the last {@code as_of}.
 * Revocations older than the longest an access token lives (plus a margin for clock skew) cannot
 * matter to any unexpired token, so {@code since} is never earlier than that: the answer stays small.
 */
@Service
public class RevocationFeed {

    /** Beyond the access-token lifetime: covers the resource services' clock skew and slow polls. */
    static final Duration MARGIN = Duration.ofMinutes(5);

    /** 9999-12-31T23:59:59Z: a {@code since} beyond it means the same, and every database can store it. */
    private static final long LATEST = 253_402_300_799L;

    private final RevokedUsers revokedUsers;
    private final AuthProperties properties;
    private final Clock clock;

    public RevocationFeed(RevokedUsers revokedUsers, AuthProperties properties, Clock clock) {
        this.revokedUsers = revokedUsers;
        this.properties = properties;
        this.clock = clock;
    }

    /** @param sinceEpochSecond null for "everything that can still matter" */
    public RevocationFeedResponse since(Long sinceEpochSecond) {
        // The clock is read before the query: anything revoked after as_of is caught by the next poll.
        long asOf = clock.instant().getEpochSecond();
        long oldestRelevant = asOf - properties.accessTokenTtl().plus(MARGIN).toSeconds();
        long since = sinceEpochSecond == null ? oldestRelevant : Math.max(sinceEpochSecond, oldestRelevant);
        var entries = revokedUsers.since(Instant.ofEpochSecond(Math.min(since, LATEST))).stream()
                .map(r -> new RevocationFeedResponse.Entry(r.userId().toString(), r.revokedAt().getEpochSecond()))
                .toList();
        return new RevocationFeedResponse(entries, asOf);
    }
}
