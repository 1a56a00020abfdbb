package org.jwtauth.auth.keys;

import java.util.Locale;

/** Where a signing key is in its life. Published in the JWKS: every state but {@link #RETIRED}. */
public enum KeyState {
    /** Published ahead of use, so resource services know it before the first token signed with it. */
    NEXT,
    /** Signs new access tokens. */
    ACTIVE,
    /** No longer signs; published until every token it signed has expired. */
    RETIRING,
    /** No longer published; kept for the record, without its private key. */
    RETIRED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
