package org.jwtauth.auth.keys;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Signing keys and their rotation ({@code auth.keys.*}).
 *
 * @param masterKey               base64 of 32 random bytes: encrypts the private keys in the database.
 *                                Every replica needs the same one. Unset: generated once into
 *                                {@code <auth.data-dir>/keys/master.key} (fine for a single instance)
 * @param refreshInterval         how often a replica re-reads the keys from the database, so that it
 *                                signs with a key another replica activated and publishes its next key
 * @param retirementMargin        how long a superseded key stays published after the last token it
 *                                signed can have expired: at least the largest clock skew of any
 *                                resource service
 * @param minRotationInterval     a rotation activates the pre-published next key only once it has been
 *                                in the JWKS this long, so that every resource service has had the
 *                                chance to fetch it (resource.jwks-refetch-min-interval, 30 s by default)
 * @param retirementCheckInterval how often superseded keys past their retire-after time are marked retired
 * @param nativeSigning           sign RS256/RS384/RS512 with the native Amazon Corretto Crypto Provider
 *                                where it loads (about 4 x faster than the JDK, identical signatures);
 *                                false: always the JDK. See {@link SigningProvider}
 */
@ConfigurationProperties("auth.keys")
public record KeysProperties(
        String masterKey,
        @DefaultValue("PT5S") Duration refreshInterval,
        @DefaultValue("PT5M") Duration retirementMargin,
        @DefaultValue("PT1M") Duration minRotationInterval,
        @DefaultValue("PT1M") Duration retirementCheckInterval,
        @DefaultValue("true") boolean nativeSigning) {

    public KeysProperties {
        requirePositive("auth.keys.refresh-interval", refreshInterval);
        requireNotNegative("auth.keys.retirement-margin", retirementMargin);
        requireNotNegative("auth.keys.min-rotation-interval", minRotationInterval);
        requirePositive("auth.keys.retirement-check-interval", retirementCheckInterval);
    }

    /** Defaults everywhere, the master key from a file. */
    public static KeysProperties defaults() {
        return new KeysProperties(null, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofMinutes(1), true);
    }

    public boolean masterKeyConfigured() {
        return masterKey != null && !masterKey.isBlank();
    }

    /** Never shows the master key. */
    @Override
    public String toString() {
        return "KeysProperties[masterKey=" + (masterKeyConfigured() ? "(set)" : "(from file)") + ", refreshInterval="
                + refreshInterval + ", retirementMargin=" + retirementMargin + ", minRotationInterval=" + minRotationInterval
                + ", retirementCheckInterval=" + retirementCheckInterval + ", nativeSigning=" + nativeSigning + "]";
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }

    private static void requireNotNegative(String name, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }
}
