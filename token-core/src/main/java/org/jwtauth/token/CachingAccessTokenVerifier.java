package org.jwtauth.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Remembers tokens that passed full validation, so a client presenting the same token again costs
 * a map lookup instead of a signature verification. Safe because:
 * <ul>
 *   <li>only tokens that passed every check are cached, keyed by their exact text (the validator
 *   accepts one spelling per token only), so nothing unverified can ever hit;</li>
 *   <li>a hit is still checked against {@code exp} (plus the same clock skew) with the injected clock;</li>
 *   <li>a hit whose signing key is no longer known (removed from the JWKS) is validated afresh;</li>
 *   <li>the cache is bounded (least-recently-used entries go first), so it cannot grow without limit.</li>
 * </ul>
 */
public final class CachingAccessTokenVerifier implements AccessTokenVerifier {

    private final AccessTokenVerifier delegate;
    private final VerificationKeySource keys;
    private final Duration clockSkew;
    private final Clock clock;
    private final Cache<String, ValidatedAccessToken> cache;

    public CachingAccessTokenVerifier(AccessTokenVerifier delegate, VerificationKeySource keys, int maxEntries,
                                      Duration clockSkew, Clock clock) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.delegate = delegate;
        this.keys = keys;
        this.clockSkew = clockSkew;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).build();
    }

    @Override
    public ValidatedAccessToken validate(String token) {
        if (token == null) {
            return delegate.validate(null);
        }
        ValidatedAccessToken hit = cache.getIfPresent(token);
        if (hit != null) {
            if (stillValid(hit)) {
                return hit;
            }
            cache.invalidate(token);
        }
        ValidatedAccessToken valid = delegate.validate(token);
        cache.put(token, valid);
        return valid;
    }

    /** Entries currently held; for tests and stats. */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private boolean stillValid(ValidatedAccessToken token) {
        Instant now = clock.instant();
        if (now.isAfter(token.expiresAt().plus(clockSkew))) {
            return false;
        }
        Object kid = token.headers().get("kid");
        return keys.find(kid instanceof String s ? s : null).isPresent();
    }
}
