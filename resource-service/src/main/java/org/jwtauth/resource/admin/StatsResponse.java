package org.jwtauth.resource.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/** Token validation counters and the verification keys in use. */
public record StatsResponse(
        @JsonProperty("tokens_accepted") long tokensAccepted,
        @JsonProperty("tokens_rejected") long tokensRejected,
        @JsonProperty("verification_keys") List<String> verificationKeys,
        @JsonProperty("jwks_last_fetch") Instant jwksLastFetch,
        @JsonProperty("uptime_seconds") long uptimeSeconds) {
}
