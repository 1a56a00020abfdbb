package org.jwtauth.token;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The access-token format both services agree on (RFC 9068 JWT profile): header {@code typ}, claim
 * names and the asymmetric algorithms a token may be signed with.
 */
public final class AccessTokenFormat {

    /** RFC 9068 section 2.1: the media type of a JWT access token. */
    public static final String TYPE = "at+jwt";

    /**
     * The only JOSE header parameters our tokens carry. Anything else (b64, crit, jwk, jku, x5u, cty,
     * ...) changes how a token would be read or whose key would verify it, so it is refused outright.
     */
    public static final Set<String> HEADER_PARAMETERS = Set.of("alg", "typ", "kid");

    public static final String CLAIM_USERNAME = "preferred_username";
    public static final String CLAIM_ROLES = "roles";
    /** RFC 9068 section 2.2.3: space-separated scopes, present when a scope was granted. */
    public static final String CLAIM_SCOPE = "scope";

    /**
     * Only asymmetric algorithms: a symmetric one (HS*) would let anyone holding the public key
     * forge tokens (algorithm confusion), and "none" is never acceptable.
     */
    public static final Set<String> SUPPORTED_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA");

    /** Default allow-list for validators. */
    public static final List<String> DEFAULT_ALGORITHMS = List.of("RS256", "ES256", "EdDSA");

    private AccessTokenFormat() {
    }

    /** RFC 9068 allows both the short and the full media type, compared case-insensitively. */
    public static boolean isAccessTokenType(String typ) {
        if (typ == null) {
            return false;
        }
        String t = typ.toLowerCase(Locale.ROOT);
        return t.equals(TYPE) || t.equals("application/" + TYPE);
    }
}
