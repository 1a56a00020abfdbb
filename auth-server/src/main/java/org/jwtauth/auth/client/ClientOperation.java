package org.jwtauth.auth.client;

/**
 * What a registered client may do besides the token and revocation endpoints, which are open to
 * public clients too. Configured as {@code introspect} and {@code revocation-feed}.
 */
public enum ClientOperation {

    /** RFC 7662 token introspection, {@code POST /oauth2/introspect}. */
    INTROSPECT,

    /** The revocation feed, {@code GET /auth/revocations}. */
    REVOCATION_FEED;

    /** The spelling used in configuration and messages. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
