package org.jwtauth.resource.revocation;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * The optional revocation feed ({@code resource.revocation-feed.*}): when enabled, the service polls
 * the auth server's list of revoked users and rejects their tokens issued before the revocation, so
 * the revocation window shrinks from the access-token lifetime to about one poll interval.
 *
 * @param enabled         off by default: then a revoked user's token stays valid until it expires
 * @param uri             the feed; unset means {@code /auth/revocations} on the host of {@code resource.jwks-uri}
 * @param clientId        client id for HTTP Basic authentication at the feed
 * @param clientSecret    its secret; never logged
 * @param pollInterval    time between polls, i.e. roughly the remaining revocation window
 * @param timeout         overall deadline for one poll (connect, headers and body)
 * @param retention       how long a revocation is remembered; must be at least the access-token lifetime plus clock skew
 * @param maxResponseSize larger feed answers are refused (the poll fails and the known revocations stay)
 */
@Validated
@ConfigurationProperties("resource.revocation-feed")
public record RevocationFeedProperties(
        @DefaultValue("false") boolean enabled,
        URI uri,
        String clientId,
        String clientSecret,
        @NotNull @DurationMin(millis = 100) @DurationMax(hours = 1) @DefaultValue("PT10S") Duration pollInterval,
        @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 1) @DefaultValue("PT5S") Duration timeout,
        @NotNull @DurationMin(minutes = 1) @DefaultValue("PT1H") Duration retention,
        @NotNull @DefaultValue("1MB") DataSize maxResponseSize) {

    /** The feed path on the auth server, next to the JWK Set. */
    public static final String DEFAULT_PATH = "/auth/revocations";

    public RevocationFeedProperties {
        if (enabled) {
            // Fail at start-up rather than poll in vain (and report a stale feed) for the service's whole life.
            if (isBlank(clientId) || isBlank(clientSecret)) {
                throw new IllegalArgumentException("resource.revocation-feed.enabled=true needs "
                        + "resource.revocation-feed.client-id and resource.revocation-feed.client-secret");
            }
            if (uri != null && !isHttp(uri)) {
                throw new IllegalArgumentException("resource.revocation-feed.uri must be an absolute http(s) URL without "
                        + "user info, query or fragment (credentials go in client-id and client-secret)");
            }
        }
        if (maxResponseSize != null && (maxResponseSize.toBytes() < 1024 || maxResponseSize.toBytes() > 64L * 1024 * 1024)) {
            throw new IllegalArgumentException("resource.revocation-feed.max-response-size must be between 1KB and 64MB");
        }
    }

    /** The configured feed URL, or {@code /auth/revocations} on the JWK Set's host. */
    public URI effectiveUri(URI jwksUri) {
        return uri != null ? uri : jwksUri.resolve(DEFAULT_PATH);
    }

    private static boolean isHttp(URI uri) {
        String scheme = uri.getScheme();
        return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null
                && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** Records print their components; the secret must not reach a log that way. */
    @Override
    public String toString() {
        return "RevocationFeedProperties[enabled=" + enabled + ", uri=" + uri + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret == null ? "null" : "******") + ", pollInterval=" + pollInterval
                + ", timeout=" + timeout + ", retention=" + retention + ", maxResponseSize=" + maxResponseSize + "]";
    }
}
