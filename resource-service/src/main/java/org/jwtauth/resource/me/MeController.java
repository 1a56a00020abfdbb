package org.jwtauth.resource.me;

import org.jwtauth.token.AccessTokenFormat;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Echoes the caller's token. {@code expires_in} makes the revocation window observable: a revoked
 * user keeps access until the token they hold expires.
 */
@RestController
public class MeController {

    private final Clock clock;

    public MeController(Clock clock) {
        this.clock = clock;
    }

    @GetMapping("/api/me")
    public MeResponse me(JwtAuthenticationToken authentication) {
        Jwt jwt = authentication.getToken();
        List<String> roles = jwt.getClaimAsStringList(AccessTokenFormat.CLAIM_ROLES);
        // The validator rejects tokens without exp; within the clock skew the token is still
        // accepted after exp, which shows as 0 rather than a negative number.
        long expiresIn = Math.max(0, Duration.between(clock.instant(), jwt.getExpiresAt()).getSeconds());
        return new MeResponse(
                jwt.getSubject(),
                authentication.getName(),
                roles == null ? List.of() : roles,
                jwt.getIssuedAt(),
                jwt.getExpiresAt(),
                expiresIn,
                jwt.getId());
    }
}
