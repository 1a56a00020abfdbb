package org.jwtauth.resource.me;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/** What the presented access token says about its holder, and how long it stays valid. */
public record MeResponse(
        String sub,
        String username,
        List<String> roles,
        @JsonProperty("issued_at") Instant issuedAt,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("token_id") String tokenId) {
}
