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
 * <p>
 * {@code adminAudience} is the audience of the tokens for this server's own admin API (scope
 * {@code admin}); unset, it is the issuer followed by {@code /admin}. It must differ from
 * {@code audience}, so that a token for the resource services is never one for the admin API, nor the
 * other way round.
 */
@Validated
@ConfigurationProperties("auth")
public record AuthProperties(
        @DefaultValue("http://localhost:9000") @NotBlank String issuer,
        @DefaultValue("resource-service") @NotBlank String audience,
        String adminAudience,
        @DefaultValue("PT10M") @NotNull Duration accessTokenTtl,
        @DefaultValue("P182D") @NotNull Duration refreshTokenTtl,
        @DefaultValue("./data") @NotNull Path dataDir,
        @DefaultValue("RS256") @NotBlank String signingAlgorithm,
        @DefaultValue("10") @Min(4) @Max(31) int bcryptStrength,
        @DefaultValue @Valid Seed seed,
        @DefaultValue @Valid LoginThrottle loginThrottle,
        @DefaultValue @Valid ClientThrottle clientThrottle,
        @DefaultValue("PT1H") @NotNull Duration refreshTokenPurgeInterval) {

    public AuthProperties {
        if (adminAudience == null || adminAudience.isBlank()) {
            adminAudience = issuerBase(issuer) + "/admin";
        }
        if (adminAudience.equals(audience)) {
            throw new IllegalArgumentException("auth.admin-audience must differ from auth.audience: a token for the "
                    + "resource services must not be accepted by the admin API");
        }
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
            @DefaultValue("PT15M") @NotNull Duration maxLockout) implements Throttling {

        public LoginThrottle {
            Throttling.validate("auth.login-throttle", "max-failures-per-user", maxFailuresPerUser, maxFailuresPerAddress,
                    window, lockout, maxLockout);
        }

        @Override
        public int maxFailuresPerPrincipal() {
            return maxFailuresPerUser;
        }
    }

    /**
     * Brute-force protection of client authentication (client secrets), the same way: failures are
     * counted per client id (registered or not) at one address, and per address, apart from the login's.
     */
    public record ClientThrottle(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10") int maxFailuresPerClient,
            @DefaultValue("50") int maxFailuresPerAddress,
            @DefaultValue("PT15M") @NotNull Duration window,
            @DefaultValue("PT30S") @NotNull Duration lockout,
            @DefaultValue("PT15M") @NotNull Duration maxLockout) implements Throttling {

        public ClientThrottle {
            Throttling.validate("auth.client-throttle", "max-failures-per-client", maxFailuresPerClient, maxFailuresPerAddress,
                    window, lockout, maxLockout);
        }

        @Override
        public int maxFailuresPerPrincipal() {
            return maxFailuresPerClient;
        }
    }

    /** What a throttle is told: a threshold per principal (a username, a client id) and per address, and the lockouts. */
    public interface Throttling {
        boolean enabled();

        int maxFailuresPerPrincipal();

        int maxFailuresPerAddress();

        Duration window();

        Duration lockout();

        Duration maxLockout();

        private static void validate(String prefix, String principalName, int perPrincipal, int perAddress, Duration window,
                                     Duration lockout, Duration maxLockout) {
            requireAtLeastOne(prefix + "." + principalName, perPrincipal);
            requireAtLeastOne(prefix + ".max-failures-per-address", perAddress);
            requirePositive(prefix + ".window", window);
            requirePositive(prefix + ".lockout", lockout);
            requirePositive(prefix + ".max-lockout", maxLockout);
            if (maxLockout.compareTo(lockout) < 0) {
                throw new IllegalArgumentException(prefix + ".max-lockout must not be shorter than " + prefix + ".lockout");
            }
        }
    }

    public record SeedUser(@NotBlank String username, @NotBlank String password, List<String> roles) {
        public SeedUser {
            roles = roles == null || roles.isEmpty() ? List.of("USER") : List.copyOf(roles);
        }
    }

    /** The issuer without a trailing slash, for building URLs under it. */
    public String issuerBase() {
        return issuerBase(issuer);
    }

    private static String issuerBase(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
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
