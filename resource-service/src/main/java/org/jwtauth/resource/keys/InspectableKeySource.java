package org.jwtauth.resource.keys;

import org.jwtauth.token.VerificationKeySource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A key source that can say what it currently holds, for the admin statistics. */
public interface InspectableKeySource extends VerificationKeySource {

    /** Key ids currently trusted, sorted. */
    List<String> keyIds();

    /** When the keys were last fetched successfully; empty for keys that are not fetched. */
    Optional<Instant> lastSuccessfulFetch();

    /**
     * Tries to load keys if there are none yet, within the source's own rate limit. The readiness check
     * calls it: a service that is not ready gets no traffic, so without this no token would ever trigger
     * the retry. Sources whose keys cannot be missing do nothing.
     */
    default void loadIfEmpty() {
    }
}
