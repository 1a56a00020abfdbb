package org.jwtauth.auth.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jwtauth.token.AccessTokenFormat;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything the auth server can be told. The access-token lifetime is also the revocation window:
 * a revoked user's access tokens stay valid until they expire.
 */
@Validated
@ConfigurationProperties("auth")
public record AuthProperties(
        @DefaultValue("http://localhost:9000") @NotBlank String issuer,
        @DefaultValue("resource-service") @NotBlank String audience,
        @DefaultValue("PT10M") @NotNull Duration accessTokenTtl,
        @DefaultValue("P182D") @NotNull Duration refreshTokenTtl,
        @DefaultValue("./data") @NotNull Path dataDir,
        @DefaultValue("RS256") @NotBlank String signingAlgorithm,
        @DefaultValue("10") @Min(4) @Max(31) int bcryptStrength,
        @DefaultValue @Valid Seed seed,
        @DefaultValue @Valid LoginThrottle loginThrottle,
        @DefaultValue("PT1H") @NotNull Duration refreshTokenPurgeInterval) {

    public AuthProperties {
        requirePositive("auth.access-token-ttl", accessTokenTtl);
        requirePositive("auth.refresh-token-purge-interval", refreshTokenPurgeInterval);
        requirePositive("auth.refresh-token-ttl", refreshTokenTtl);
        if (refreshTokenTtl.compareTo(accessTokenTtl) < 0) {
            throw new IllegalArgumentException("auth.refresh-token-ttl must not be shorter than auth.access-token-ttl");
        }
        if (!AccessTokenFormat.SUPPORTED_ALGORITHMS.contains(signingAlgorithm)) {
            throw new IllegalArgumentException("auth.signing-algorithm must be one of " + AccessTokenFormat.SUPPORTED_ALGORITHMS);
        }
    }

    /** Demo users created on first start, when the user table is empty. */
    public record Seed(@DefaultValue("true") boolean enabled, List<@Valid SeedUser> users) {
        public Seed {
            users = users == null ? List.of() : List.copyOf(users);
        }
    }

    /**
     * Brute-force protection of the password login. Failures are counted per normalised username and
     * per client address; reaching a threshold within {@code window} locks that key for {@code lockout},
     * doubling with every further failure, up to {@code maxLockout}.
     */
    public record LoginThrottle(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5") int maxFailuresPerUser,
            // Higher than per user: many people can share one address (NAT, an office, a proxy).
            @DefaultValue("50") int maxFailuresPerAddress,
            @DefaultValue("PT15M") @NotNull Duration window,
            @DefaultValue("PT30S") @NotNull Duration lockout,
            @DefaultValue("PT15M") @NotNull Duration maxLockout) {

        public LoginThrottle {
            requireAtLeastOne("auth.login-throttle.max-failures-per-user", maxFailuresPerUser);
            requireAtLeastOne("auth.login-throttle.max-failures-per-address", maxFailuresPerAddress);
            requirePositive("auth.login-throttle.window", window);
            requirePositive("auth.login-throttle.lockout", lockout);
            requirePositive("auth.login-throttle.max-lockout", maxLockout);
            if (maxLockout.compareTo(lockout) < 0) {
                throw new IllegalArgumentException("auth.login-throttle.max-lockout must not be shorter than auth.login-throttle.lockout");
            }
        }
    }

    public record SeedUser(@NotBlank String username, @NotBlank String password, List<String> roles) {
        public SeedUser {
            roles = roles == null || roles.isEmpty() ? List.of("USER") : List.copyOf(roles);
        }
    }

    private static void requireAtLeastOne(String name, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
