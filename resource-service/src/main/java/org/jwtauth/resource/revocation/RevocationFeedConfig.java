package org.jwtauth.resource.revocation;

import org.jwtauth.resource.ResourceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;

/** Wires the optional revocation feed (off unless {@code resource.revocation-feed.enabled=true}). */
@Configuration(proxyBeanMethods = false)
public class RevocationFeedConfig {

    private static final Logger log = LoggerFactory.getLogger(RevocationFeedConfig.class);

    @Bean
    @ConditionalOnProperty(name = "resource.revocation-feed.enabled", havingValue = "true")
    public RevokedUsers revokedUsers() {
        return new RevokedUsers();
    }

    @Bean
    @ConditionalOnProperty(name = "resource.revocation-feed.enabled", havingValue = "true")
    public RevocationFeedPoller revocationFeedPoller(RevocationFeedProperties feed, ResourceProperties resource,
                                                     RevokedUsers revokedUsers, Clock clock) {
        URI uri = feed.effectiveUri(resource.jwksUri());
        warnIfCredentialsTravelInClear(uri);
        RevocationFeedClient client = new RevocationFeedClient(uri, feed.clientId(), feed.clientSecret(), feed.timeout(),
                (int) feed.maxResponseSize().toBytes());
        return new RevocationFeedPoller(client, revokedUsers, feed.pollInterval(), feed.retention(), clock);
    }

    /** Named so that the health component is {@code revocationFeed}; reports DISABLED when the feed is off. */
    @Bean
    public RevocationFeedHealthIndicator revocationFeedHealthIndicator(ObjectProvider<RevocationFeedPoller> poller, Clock clock) {
        return new RevocationFeedHealthIndicator(poller.getIfAvailable(), clock);
    }

    private static void warnIfCredentialsTravelInClear(URI uri) {
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            return;
        }
        // By name only: no DNS lookup during start-up.
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        if (!loopback) {
            log.warn("resource.revocation-feed.uri {} is plain http to another host: the client secret and the feed "
                    + "travel unencrypted; use https outside a trusted network", uri);
        }
    }
}
